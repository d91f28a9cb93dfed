import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/kqlwatch.js');
const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function kqlwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('rules validate: the pack validates; one line per rule, warnings counted apart, last line N valid, N invalid', async () => {
  const r = await kqlwatch('rules', 'validate', 'rules');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '5 valid, 0 invalid');
  assert.match(r.stdout, /^rules\/000-ti-ip-silent-signin\.yaml: ok \(1 warning\)$/m);
  assert.match(r.stdout, /rules\/000-ti-ip-silent-signin\.yaml:\d+:\d+ RULE101 warning: ago\(30d\) looks back further than queryPeriod 1h/);
  assert.match(r.stdout, /^\d+ warnings?$/m);
});

test('rules validate: an invalid rule gives its errors with file:line and exit code 1', async () => {
  const pack = readFileSync(join(ROOT, 'rules/001-risky-user-silent-signin.yaml'), 'utf8');
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, pack.replace('severity: High', 'severity: Critical').replace('columnName: IPAddress', 'columnName: SourceIP'));
  const r = await kqlwatch('rules', 'validate', bad, join(ROOT, 'rules/003-ni-auth-privileged-audit.yaml'));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /bad\.yaml: invalid \(2 errors\)/);
  assert.match(r.stdout, /bad\.yaml:\d+:\d+ RULE004 error: severity string 'Critical' is not allowed/);
  assert.match(r.stdout, /bad\.yaml:\d+:\d+ RULE010 error: IP\.Address maps 'SourceIP' is not a column of the query's result/);
  assert.equal(r.stdout.trimEnd().split('\n').at(-1), '1 valid, 1 invalid');
});

test('rules import: a flattened seed page becomes a rule file with the choices stated; prose alone fails', async () => {
  const seed = readdirSync(join(ROOT, '../shared/seeds')).find((f) => f.startsWith('004'))!;
  const r = await kqlwatch('rules', 'import', join(ROOT, '../shared/seeds', seed), '--out', dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /RULE107 warning: 'queryPeriod' is not on the page: chose 1d/);
  const written = readdirSync(dir).filter((f) => f.startsWith('anomalous-non-interactive'));
  assert.equal(written.length, 1);
  assert.match(readFileSync(join(dir, written[0]!), 'utf8'), /^queryFrequency: 1h$/m);

  const prose = join(dir, 'prose.txt');
  writeFileSync(prose, 'A blog post without a rule.\n');
  const none = await kqlwatch('rules', 'import', prose);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no rule YAML found/);
  assert.doesNotMatch(none.stderr, /\n\s+at /);
});
