/**
 * Helpers for the end-to-end tests: run the real `kqlwatch` executable (bin/kqlwatch.js) in a child process,
 * with TZ=UTC, against a database in a temporary directory. Nothing here imports the library: the tests see
 * kqlwatch exactly as a user of the command line does.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** The package root: this file runs as dist/e2e/cli.js, two levels below it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const kqlwatchBin = path.join(projectRoot, 'bin', 'kqlwatch.js');

/** The fixed clock of every end-to-end query; the fixtures' timestamps are relative to it. */
export const NOW = '2026-05-01T12:00:00Z';

export interface CliResult {
  /** The process's exit code (a signal counts as -1). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/kqlwatch.js ARGS…` and resolves with its exit code and output, whatever the exit code. */
export function runCli(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
    delete env.KQLWATCH_DEBUG;
    execFile(
      process.execPath,
      [kqlwatchBin, ...args],
      { cwd: options.cwd ?? projectRoot, env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ code: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        if (typeof code === 'number') return resolve({ code, stdout, stderr });
        if ((error as { signal?: unknown }).signal) return resolve({ code: -1, stdout, stderr: stderr + `\n[killed by ${String((error as { signal?: unknown }).signal)}]` });
        reject(error);
      },
    );
  });
}

/** A fresh temporary directory for one test file's databases; `cleanup()` removes it. */
export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kqlwatch-e2e-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Text of a result for assertion messages. */
export function describeRun(r: CliResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/** Fails when the text looks like a JavaScript stack trace or an uncaught-error dump. */
export function assertNoStackTrace(text: string, what: string): void {
  assert.doesNotMatch(text, /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m, `${what} holds a stack trace:\n${text}`);
  assert.doesNotMatch(text, /node:internal|Node\.js v\d+|ERR_[A-Z_]{4,}|Uncaught|TypeError|ReferenceError/, `${what} holds a crash dump:\n${text}`);
  assert.doesNotMatch(text, /this is a bug/, `${what} reports an internal error:\n${text}`);
}

/** `kqlwatch ingest --db DB --table TABLE FILES…`, asserting success. */
export async function ingest(db: string, table: string, files: readonly string[]): Promise<CliResult> {
  const r = await runCli(['ingest', '--db', db, '--table', table, ...files]);
  assert.equal(r.code, 0, `ingest into ${table} failed:\n${describeRun(r)}`);
  assertNoStackTrace(r.stderr, 'ingest stderr');
  return r;
}

/**
 * Ingests a fixture directory: every `<Table>.ndjson` file goes into the table its name gives. Several
 * directories may be given (e.g. a shared baseline and a scenario); one ingest command per table.
 */
export async function ingestFixtureDirs(db: string, dirs: readonly string[]): Promise<Map<string, string[]>> {
  const byTable = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.ndjson')) continue;
      const table = name.slice(0, -'.ndjson'.length);
      const list = byTable.get(table) ?? [];
      list.push(path.join(dir, name));
      byTable.set(table, list);
    }
  }
  for (const [table, files] of byTable) await ingest(db, table, files);
  return byTable;
}

export type Row = Record<string, unknown>;

/** Parses `--format json` output: one JSON object per non-empty line. */
export function parseJsonLines(stdout: string): Row[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Row;
      } catch {
        throw new assert.AssertionError({ message: `output line ${i + 1} is not JSON: ${line}` });
      }
    });
}

/** `kqlwatch query --db DB --now NOW --format json (--file F | KQL)`, asserting success; the parsed rows. */
export async function queryJson(db: string, query: { file: string } | { text: string }, now: string = NOW): Promise<Row[]> {
  const args = ['query', '--db', db, '--now', now, '--format', 'json'];
  if ('file' in query) args.push('--file', query.file);
  else args.push(query.text);
  const r = await runCli(args);
  assert.equal(r.code, 0, `query failed:\n${describeRun(r)}`);
  assertNoStackTrace(r.stderr, 'query stderr');
  return parseJsonLines(r.stdout);
}

/** Kusto's JSON text of a datetime on the fixtures' day: `t('11:40')` → 2026-05-01T11:40:00.0000000Z. */
export function t(hhmm: string, day = '2026-05-01'): string {
  const [hh, mm, ss = '00'] = hhmm.split(':');
  return `${day}T${hh}:${mm}:${ss}.0000000Z`;
}
