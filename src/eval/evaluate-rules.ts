/**
 * evaluateRules(store, rules, labels): replays the rules over a simulated tenant's store with the scheduler's
 * own code (the path of `kqlwatch replay`) and scores the alerts against the labels (score-rules.ts).
 *
 * The replay starts at the simulated period's start and runs until every event of the period has been inside a
 * complete scheduled window: the period's end + the longest queryFrequency + Sentinel's five-minute delay. So an
 * attack in the period's last minutes is judged on the run that would have seen it, not lost at the edge.
 *
 * openEvalStore(data, db) prepares the store: a simulated store file (`kqlwatch simulate --db`, labels in
 * FILE.labels.json) is copied, so the original is never changed; a `kqlwatch simulate --out` directory
 * (<Table>.ndjson + labels.json) is ingested. Alerts, incidents and run history of earlier replays are removed
 * from the copy, so only this evaluation's alerts are scored.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestNdjson } from '../ingest/ndjson.js';
import { INCIDENTS_TABLE } from '../incidents/incident-store.js';
import { ident } from '../kql/sql/sql-text.js';
import type { Rule } from '../rules/model.js';
import { replay } from '../scheduler/replay.js';
import type { RuleRunOutcome } from '../scheduler/run-rule.js';
import { RULE_RUNS_TABLE } from '../scheduler/run-state.js';
import { ruleFrequency, SCHEDULED_DELAY_MS } from '../scheduler/windows.js';
import { EVIDENCE_TABLE } from '../scheduler/write-alerts.js';
import type { LabelsFile } from '../sim/labels.js';
import { TABLES } from '../sim/rows.js';
import { LATENCY_MINUTES } from '../sim/write.js';
import { INGESTION_TIME_COLUMN, openStore, StoreError, type Store } from '../store/store.js';
import { readScoredAlerts } from './read-alerts.js';
import { scoreRules, type RuleScore } from './score-rules.js';

export interface Evaluation {
  readonly scores: RuleScore[];
  readonly runs: readonly RuleRunOutcome[];
  readonly from: Date;
  readonly to: Date;
  readonly ms: number;
}

export interface EvaluateOptions {
  readonly onRun?: (outcome: RuleRunOutcome) => void;
}

/** The replay range that judges every event of the labelled period (see the module comment). */
export function evaluationRange(rules: readonly Rule[], labels: LabelsFile): { from: Date; to: Date } {
  const longest = Math.max(0, ...rules.filter((r) => r.enabled).map(ruleFrequency));
  return { from: new Date(labels.start), to: new Date(Date.parse(labels.now) + longest + SCHEDULED_DELAY_MS) };
}

export async function evaluateRules(store: Store, rules: readonly Rule[], labels: LabelsFile, options: EvaluateOptions = {}): Promise<Evaluation> {
  const started = performance.now();
  const { from, to } = evaluationRange(rules, labels);
  const runs = await replay(store, rules, from, to, { onRun: options.onRun });
  const alerts = await readScoredAlerts(store);
  const scores = scoreRules(rules.map((r) => ({ id: r.id, name: r.name })), labels.labels, alerts);
  return { scores, runs, from, to, ms: Math.round(performance.now() - started) };
}

export interface EvalStore {
  readonly store: Store;
  readonly labels: LabelsFile;
  /** Closes the store and removes it unless it was asked to be kept. */
  close(): void;
}

/**
 * Opens a working store for an evaluation of `data` (a simulated store file or NDJSON directory). `keep`: the
 * path to leave the evaluated store at (for `kqlwatch alerts --db …` afterwards); default a temporary file.
 */
export async function openEvalStore(data: string, keep?: string): Promise<EvalStore> {
  if (!existsSync(data)) throw new StoreError(`no such file or directory '${data}'`);
  const isDir = statSync(data).isDirectory();
  const labelsPath = isDir ? path.join(data, 'labels.json') : `${data}.labels.json`;
  if (!existsSync(labelsPath)) {
    throw new StoreError(`no labels at '${labelsPath}': evaluate data made by 'kqlwatch simulate' (--out DIR or --db FILE)`);
  }
  const labels = readLabels(labelsPath);
  const tmp = keep === undefined ? mkdtempSync(path.join(os.tmpdir(), 'kqlwatch-eval-')) : undefined;
  const dbPath = keep ?? path.join(tmp!, 'eval.duckdb');
  if (keep !== undefined && existsSync(keep)) throw new StoreError(`'${keep}' exists: choose another file to keep the evaluated store in`);
  const removeAll = () => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
  let store: Store | undefined;
  try {
    if (!isDir) {
      copyFileSync(data, dbPath);
      if (existsSync(`${data}.wal`)) copyFileSync(`${data}.wal`, `${dbPath}.wal`);
    }
    store = await openStore(dbPath);
    if (isDir) await ingestDirectory(store, data);
    await dropAlertState(store);
  } catch (e) {
    store?.close();
    removeAll();
    if (keep !== undefined) {
      rmSync(keep, { force: true });
      rmSync(`${keep}.wal`, { force: true });
    }
    throw e;
  }
  const opened = store;
  return {
    store: opened,
    labels,
    close() {
      opened.close();
      removeAll();
    },
  };
}

export function readLabels(file: string): LabelsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StoreError(`cannot read the labels '${file}': ${(e as Error).message}`);
  }
  const l = parsed as Partial<LabelsFile>;
  if (typeof l !== 'object' || l === null || !Array.isArray(l.labels) || typeof l.start !== 'string' || typeof l.now !== 'string') {
    throw new StoreError(`'${file}' is not a labels file written by 'kqlwatch simulate'`);
  }
  return l as LabelsFile;
}

/** Loads `<Table>.ndjson` files; ingestion time as the simulator's --db path sets it (TimeGenerated + latency). */
async function ingestDirectory(store: Store, dir: string): Promise<void> {
  const files = new Set(readdirSync(dir));
  for (const table of TABLES) {
    const file = `${table}.ndjson`;
    if (!files.has(file)) continue;
    await ingestNdjson(store, table, [path.join(dir, file)]);
    await store.connection.run(
      `UPDATE ${ident(table)} SET ${ident(INGESTION_TIME_COLUMN)} = "TimeGenerated" + INTERVAL ${LATENCY_MINUTES[table]} MINUTE`,
    );
  }
}

/** Alerts, incidents and run history of earlier replays: removed so only this evaluation's runs count. */
async function dropAlertState(store: Store): Promise<void> {
  for (const table of ['SecurityAlert', 'SecurityIncident', 'SentinelHealth', EVIDENCE_TABLE, INCIDENTS_TABLE, RULE_RUNS_TABLE]) {
    await store.connection.run(`DROP TABLE IF EXISTS ${ident(table)}`);
  }
}
