/** `kqlwatch serve` refuses to listen beyond loopback without a token, and refuses short tokens. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../run-cli.js';

test('serve: another host needs a token; a token must be long enough', async () => {
  const saved = process.env.KQLWATCH_TOKEN;
  delete process.env.KQLWATCH_TOKEN;
  const write = process.stderr.write.bind(process.stderr);
  let err = '';
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try {
    assert.equal(await runCli(['serve', '--db', ':memory:', '--host', '0.0.0.0']), 2);
    assert.match(err, /needs a token/);
    assert.equal(await runCli(['serve', '--db', ':memory:', '--host', '0.0.0.0', '--token', 'short']), 2);
    assert.match(err, /at least 16/);
    assert.equal(await runCli(['serve', '--db', ':memory:', '--port', 'x']), 2);
  } finally {
    process.stderr.write = write;
    if (saved !== undefined) process.env.KQLWATCH_TOKEN = saved;
  }
});
