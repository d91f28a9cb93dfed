/**
 * End to end: bad input through the `kqlwatch` executable. Bad KQL (syntax, unknown table, unknown column,
 * type error, unsupported operator) and a bad NDJSON line each give exit code 1 and a message on stderr that
 * names where (line:column, or file:line and the column) and why, with no stack trace anywhere; a bad ingest
 * file stores nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertNoStackTrace, describeRun, ingest, makeTempDir, NOW, queryJson, runCli, type CliResult } from './cli.js';

const tmp = makeTempDir('bad-input');
after(() => tmp.cleanup());

const db = path.join(tmp.dir, 'bad-input.duckdb');

async function query(kql: string): Promise<CliResult> {
  return runCli(['query', '--db', db, '--now', NOW, '--format', 'json', kql]);
}

/**
 * Exit code 1, nothing on stdout, no stack trace, and the message matching every pattern. The message is
 * stderr without the indented excerpt of the query and its caret line, so a pattern that names a word of
 * the query only matches when the message itself names it.
 */
function assertFails(r: CliResult, patterns: readonly RegExp[]): void {
  assert.equal(r.code, 1, describeRun(r));
  assert.equal(r.stdout, '', `nothing on stdout\n${describeRun(r)}`);
  assertNoStackTrace(r.stdout, 'stdout');
  assertNoStackTrace(r.stderr, 'stderr');
  const message = r.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s/.test(line))
    .join('\n');
  assert.notEqual(message, '', `a message on stderr\n${describeRun(r)}`);
  for (const p of patterns) assert.match(message, p, describeRun(r));
}

function writeLines(name: string, rows: readonly (object | string)[]): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return file;
}

const good = (i: number): object => ({
  TimeGenerated: `2026-05-01T11:${String(10 + i).padStart(2, '0')}:00Z`,
  UserPrincipalName: `user${i}@contoso.com`,
  IPAddress: `192.0.2.${i}`,
  ResultType: '0',
  IsInteractive: true,
  LocationDetails: { city: 'Seattle', countryOrRegion: 'US' },
});

async function signinCount(): Promise<number> {
  const rows = await queryJson(db, { text: 'SigninLogs | count' });
  assert.equal(rows.length, 1);
  return rows[0]!.Count as number;
}

before(async () => {
  await ingest(db, 'SigninLogs', [writeLines('baseline.ndjson', [good(1), good(2), good(3)])]);
});

describe('bad KQL', () => {
  test('syntax error: line:column and what is missing', async () => {
    const r = await query('SigninLogs | where');
    assertFails(r, [/\b1:19\b/, /missing expression/i]);
  });

  test('syntax error on a later line of a multi-line query gives that line', async () => {
    const r = await query('SigninLogs\n| where TimeGenerated > ago(1h)\n| project UserPrincipalName,');
    assertFails(r, [/\b3:\d+\b/, /error/i]);
    assert.doesNotMatch(r.stderr, /\b1:\d+ /, describeRun(r));
  });

  test('unknown table: line:column and the name', async () => {
    const r = await query('NoSuchTable | take 1');
    assertFails(r, [/\b1:1\b/, /'NoSuchTable'/, /table/i]);
  });

  test('unknown column: line:column and the name', async () => {
    const r = await query('SigninLogs | where Nope == 1');
    assertFails(r, [/\b1:20\b/, /'Nope'/, /column/i]);
  });

  test('type error (KS106): string > long', async () => {
    const r = await query('SigninLogs | where ResultType > 0');
    assertFails(r, [/\b1:\d+\b/, /KS106/, /'>'/, /\bstring\b/, /\blong\b/]);
  });

  test('unsupported evaluate plugin is named', async () => {
    const r = await query('SigninLogs | evaluate autocluster()');
    assertFails(r, [/\b1:\d+\b/, /autocluster/, /not supported|unsupported/i]);
  });

  test('unsupported operator (scan) is named', async () => {
    const r = await query('SigninLogs | scan with (step s: true;)');
    assertFails(r, [/\b1:14\b/, /'scan'/, /not supported|unsupported/i]);
  });

  test('unsupported operator (fork) is named', async () => {
    // Valid KQL (fork gives several result sets); whatever kqlwatch does not run, it must say what.
    const r = await query('SigninLogs | fork (take 1) (take 2)');
    assertFails(r, [/\b1:\d+\b/, /\bfork\b/, /not supported|unsupported/i]);
  });

  test('a query file: the message names file:line:column', async () => {
    const file = path.join(tmp.dir, 'bad-query.kql');
    writeFileSync(file, 'SigninLogs\n| where TimeGenerated > ago(1h)\n| where\n');
    const r = await runCli(['query', '--db', db, '--now', NOW, '--format', 'json', '--file', file]);
    assertFails(r, [new RegExp(`${escapeRe(file)}:3:8\\b`), /missing expression/i]);
  });

  test('query errors leave the store as it was', async () => {
    assert.equal(await signinCount(), 3);
  });
});

describe('bad NDJSON line on ingest', () => {
  test('a non-datetime TimeGenerated: file:line, the column and why; nothing of the file is stored', async () => {
    const before = await signinCount();
    const file = writeLines('bad-datetime.ndjson', [good(4), good(5), good(6), { ...good(7), TimeGenerated: 'yesterday at noon' }, good(8)]);
    const r = await runCli(['ingest', '--db', db, '--table', 'SigninLogs', file]);
    assertFails(r, [new RegExp(`${escapeRe(file)}:4\\b`), /TimeGenerated/, /datetime/i]);
    assert.equal(await signinCount(), before);
  });

  test('a good file and a bad one in one command: nothing of either is stored', async () => {
    const before = await signinCount();
    const ok = writeLines('good-too.ndjson', [good(9), good(10)]);
    const bad = writeLines('bad-bool.ndjson', [good(11), { ...good(12), IsInteractive: 'yes' }]);
    const r = await runCli(['ingest', '--db', db, '--table', 'SigninLogs', ok, bad]);
    assertFails(r, [new RegExp(`${escapeRe(bad)}:2\\b`), /IsInteractive/, /bool/i]);
    assert.equal(await signinCount(), before);
  });

  test('a line that is not JSON: file:line and why; nothing stored', async () => {
    const before = await signinCount();
    const file = writeLines('bad-json.ndjson', [good(13), '{"TimeGenerated": "2026-05-01T11:00:00Z", oops', good(14)]);
    const r = await runCli(['ingest', '--db', db, '--table', 'SigninLogs', file]);
    assertFails(r, [new RegExp(`${escapeRe(file)}:2\\b`), /json/i]);
    assert.equal(await signinCount(), before);
  });

  test('the store still answers after the failed ingests, and a good file still loads', async () => {
    await ingest(db, 'SigninLogs', [writeLines('good-after.ndjson', [good(15)])]);
    assert.equal(await signinCount(), 4);
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
