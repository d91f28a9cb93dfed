import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/kqlwatch.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kqlwatch-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kqlwatch(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, KQLWATCH_DEBUG: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function assertNoStack(r: Run): void {
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace for a user error');
}

test('--help, -h and help list the commands; help <command> shows its options', async () => {
  for (const args of [['--help'], ['-h'], ['help'], []]) {
    const r = await kqlwatch(...args);
    assert.equal(r.code, 0, args.join(' '));
    for (const name of ['query', 'ingest', 'tables', 'help']) assert.match(r.stdout, new RegExp(`\\n  ${name} `));
  }
  const r = await kqlwatch('help', 'query');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--explain/);
  assert.match((await kqlwatch('ingest', '--help')).stdout, /--table TABLE/);
});

test('--version prints the package version', async () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const r = await kqlwatch('--version');
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('usage errors exit 2 with a message and no stack trace', async () => {
  for (const args of [['frobnicate'], ['query'], ['query', '--bogus', 'x'], ['ingest', 'file.ndjson'], ['query', '--format', 'xml', 'T'], ['query', '--now', 'yesterday', 'T']]) {
    const r = await kqlwatch(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^kqlwatch: /, args.join(' '));
    assertNoStack(r);
  }
});

test('ingest loads a file, tables shows its row count; a bad line stores nothing', async () => {
  const db = join(dir, 'store.duckdb');
  const good = join(dir, 'signin.ndjson');
  writeFileSync(
    good,
    [
      { TimeGenerated: '2024-05-01T08:00:00Z', UserPrincipalName: 'alice@contoso.com', ResultType: '0' },
      { TimeGenerated: '2024-05-01T09:00:00Z', UserPrincipalName: 'bob@contoso.com', ResultType: '50126' },
    ].map((o) => JSON.stringify(o)).join('\n') + '\n',
  );
  const r = await kqlwatch('ingest', '--db', db, '--table', 'SigninLogs', good);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^ingested 2 rows from 1 file into SigninLogs/);

  const bad = join(dir, 'bad.ndjson');
  writeFileSync(bad, '{"UserPrincipalName":"carol@contoso.com"}\n{"TimeGenerated":"not a date"}\n');
  const failed = await kqlwatch('ingest', '--db', db, '--table', 'SigninLogs', bad);
  assert.equal(failed.code, 1);
  assert.equal(failed.stderr, `kqlwatch: ${bad}:2: column 'TimeGenerated': expected datetime, got "not a date"\n`);

  const unknown = await kqlwatch('ingest', '--db', db, '--table', 'Nope', good);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /unknown table 'Nope'/);
  assertNoStack(unknown);

  const tables = await kqlwatch('tables', '--db', db, '--stored');
  assert.equal(tables.code, 0, tables.stderr);
  assert.match(tables.stdout, /SigninLogs\s+\d+\s+2\n/);
  assert.match(tables.stdout, /\(1 row\)/);
});

test('query runs KQL over the store and prints JSON lines, CSV or a table', async () => {
  const db = join(dir, 'query.duckdb');
  const data = join(dir, 'q.ndjson');
  writeFileSync(data, JSON.stringify({ TimeGenerated: '2024-05-01T08:00:00Z', UserPrincipalName: 'alice@contoso.com' }) + '\n');
  assert.equal((await kqlwatch('ingest', '--db', db, '--table', 'SigninLogs', data)).code, 0);
  const query = 'SigninLogs | project UserPrincipalName, TimeGenerated';
  const now = ['--db', db, '--now', '2024-05-02T00:00:00Z'];

  const json = await kqlwatch('query', ...now, '--format', 'json', query);
  assert.equal(json.code, 0, json.stderr);
  assert.equal(json.stdout, '{"UserPrincipalName":"alice@contoso.com","TimeGenerated":"2024-05-01T08:00:00.0000000Z"}\n');

  const csv = await kqlwatch('query', ...now, '--format', 'csv', query);
  assert.equal(csv.stdout, 'UserPrincipalName,TimeGenerated\nalice@contoso.com,2024-05-01T08:00:00.0000000Z\n');

  const table = await kqlwatch('query', ...now, query);
  assert.match(table.stdout, /^UserPrincipalName\s+TimeGenerated\n-+\s+-+\nalice@contoso\.com\s+2024-05-01T08:00:00\.0000000Z\n\(1 row\)\n$/);

  const file = join(dir, 'q.kql');
  writeFileSync(file, query);
  assert.equal((await kqlwatch('query', ...now, '--format', 'csv', '--file', file)).stdout, csv.stdout);
});

test('query diagnostics go to stderr with the source line and a caret, exit 1', async () => {
  const r = await kqlwatch('query', '--db', ':memory:', 'SigninLogs\n| where Nope == 1');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n');
  assert.match(lines[0]!, /^2:9 KS\d+ error: .*Nope/);
  assert.equal(lines[1], '  | where Nope == 1');
  assert.equal(lines[2], '          ^~~~');
  assertNoStack(r);
});

test('query --explain prints the plan and the SQL without a store', async () => {
  const r = await kqlwatch('query', '--db', join(dir, 'absent.duckdb'), '--explain', 'SigninLogs | project UserPrincipalName');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^-- plan \(\$now = [^)]+\)\n[\s\S]*\n-- sql\nSELECT [\s\S]*"SigninLogs"/);
  // The plan shown is the one the SQL was made from: the table read for its one column.
  assert.match(r.stdout, /Table SigninLogs {2}→ \[UserPrincipalName:string\]/);
  // now() is a parameter of the plan; the SQL has the value of --now written in.
  const t = await kqlwatch('query', '--db', ':memory:', '--now', '2026-05-01T12:00:00Z', '--explain', 'SigninLogs | where TimeGenerated > ago(1h)');
  assert.match(t.stdout, /^-- plan \(\$now = 2026-05-01T12:00:00.000Z\)\n[\s\S]*Subtract\(\$now, timespan\(01:00:00\)\)[\s\S]*-- sql\n[\s\S]*'2026-05-01T12:00:00.0000000'/);
});
