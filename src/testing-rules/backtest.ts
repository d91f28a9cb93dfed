/**
 * backtest(db, ruleA, ruleB?, from, to): replays one rule, or two versions of it, over a store's history and
 * reports what each raised, per day and per entity, and for two versions the difference. The stored database is
 * only read: its log tables (rows in the range plus the rules' lookback before it) are copied into a throw-away
 * in-memory store per version, and each version runs there through the scheduler's replay (the code of
 * `kqlwatch replay` and `run`), so neither version's alerts, incidents or run state touch the database.
 *
 * Matching alerts across versions: alert ids depend on the rule, so two versions never share one. An alert is
 * identified by its run's slot and its set of entities; an A alert and a B alert with the same slot and entities
 * are "both", the rest are "only A" / "only B". Entities raised by one version and never by the other over the
 * whole range are listed separately: for a change that narrows a rule, those are the users and IPs it stops
 * reporting.
 */
import type { Rule } from '../rules/model.js';
import { replay } from '../scheduler/replay.js';
import { selectRows, str } from '../scheduler/sql-rows.js';
import { ruleDelay, rulePeriod } from '../scheduler/windows.js';
import { listIncidents } from '../incidents/incident-store.js';
import { ident } from '../kql/sql/sql-text.js';
import { openStore, StoreError, type Store } from '../store/store.js';
import { entityTypeName } from './run-case.js';

export interface BacktestAlert {
  readonly slot: string;
  readonly title: string;
  readonly severity: string;
  /** `Type: identifier=value, …` per entity, sorted. */
  readonly entities: readonly string[];
  readonly evidence: number;
  readonly incident?: number;
}

export interface VersionReport {
  readonly label: 'A' | 'B';
  readonly file: string;
  readonly ruleName: string;
  readonly runs: number;
  readonly failedRuns: number;
  readonly alerts: number;
  readonly incidents: number;
  readonly perDay: readonly { readonly day: string; readonly alerts: number; readonly incidents: number }[];
  readonly perEntity: readonly { readonly entity: string; readonly alerts: number }[];
  readonly alertList: readonly BacktestAlert[];
}

export interface BacktestDiff {
  readonly onlyA: readonly BacktestAlert[];
  readonly onlyB: readonly BacktestAlert[];
  readonly both: readonly BacktestAlert[];
  /** Entities in some A alert and in no B alert over the range, and the reverse. */
  readonly entitiesOnlyA: readonly string[];
  readonly entitiesOnlyB: readonly string[];
}

export interface BacktestReport {
  readonly db: string;
  readonly from: string;
  readonly to: string;
  readonly versions: readonly VersionReport[];
  readonly diff?: BacktestDiff;
}

export interface BacktestInput {
  readonly rule: Rule;
  readonly file: string;
}

/** Tables the scheduler writes: never copied from the database being backtested. */
const OUTPUT_TABLES = new Set(['SecurityAlert', 'SecurityIncident', 'SentinelHealth']);

export async function backtest(db: string, a: BacktestInput, b: BacktestInput | undefined, from: Date, to: Date): Promise<BacktestReport> {
  const lookback = Math.max(...[a, b].filter((x): x is BacktestInput => x !== undefined).map((x) => rulePeriod(x.rule) + ruleDelay(x.rule)));
  const versions: VersionReport[] = [await runVersion(db, 'A', a, from, to, lookback)];
  if (b) versions.push(await runVersion(db, 'B', b, from, to, lookback));
  const report: BacktestReport = { db, from: from.toISOString(), to: to.toISOString(), versions };
  return b ? { ...report, diff: diffVersions(versions[0]!, versions[1]!) } : report;
}

async function runVersion(db: string, label: 'A' | 'B', input: BacktestInput, from: Date, to: Date, lookbackMs: number): Promise<VersionReport> {
  const store = await openStore(':memory:');
  try {
    await copyHistory(store, db, new Date(from.getTime() - lookbackMs), to, input.rule.kind === 'NRT');
    const outcomes = await replay(store, [input.rule], from, to);
    const ids = outcomes.flatMap((o) => o.alertIds);
    const incidents = await listIncidents(store);
    const incidentOf = new Map<string, number>();
    for (const i of incidents) for (const id of i.alertIds) incidentOf.set(id, i.number);
    const alerts = await readAlerts(store, ids, incidentOf);
    const perDay = new Map<string, { alerts: number; incidents: number }>();
    const day = (iso: string) => iso.slice(0, 10);
    for (const al of alerts) bump(perDay, day(al.slot)).alerts++;
    for (const i of incidents) bump(perDay, day(new Date(Number(i.createdTime / 1_000_000n)).toISOString())).incidents++;
    const perEntity = new Map<string, number>();
    for (const al of alerts) for (const e of al.entities) perEntity.set(e, (perEntity.get(e) ?? 0) + 1);
    return {
      label, file: input.file, ruleName: input.rule.name, runs: outcomes.length,
      failedRuns: outcomes.filter((o) => o.record.status === 'Failure').length,
      alerts: alerts.length, incidents: incidents.length,
      perDay: [...perDay.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([d, v]) => ({ day: d, ...v })),
      perEntity: [...perEntity.entries()].sort(([x, n], [y, m]) => m - n || (x < y ? -1 : 1)).map(([entity, n]) => ({ entity, alerts: n })),
      alertList: alerts,
    };
  } finally {
    store.close();
  }
}

function bump(m: Map<string, { alerts: number; incidents: number }>, k: string): { alerts: number; incidents: number } {
  let v = m.get(k);
  if (!v) m.set(k, (v = { alerts: 0, incidents: 0 }));
  return v;
}

/** Copies the database's log tables into the store: rows with TimeGenerated in (since, to], whole tables without it. */
async function copyHistory(store: Store, db: string, since: Date, to: Date, allTimes: boolean): Promise<void> {
  try {
    await store.connection.run(`ATTACH ${str(db)} AS src (READ_ONLY)`);
  } catch (e) {
    throw new StoreError(`cannot open the database '${db}' for reading: ${(e as Error).message}`);
  }
  const tables = await selectRows(store, `SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' AND schema_name = 'main'`);
  for (const { table_name } of tables) {
    const name = String(table_name);
    const schema = store.catalog.tables.get(name);
    if (!schema || OUTPUT_TABLES.has(name)) continue;
    // The source holds only the columns ever written to it (ADR 0011): the copy gets the same.
    const have = new Set((await selectRows(store,
      `SELECT column_name FROM duckdb_columns() WHERE database_name = 'src' AND schema_name = 'main' AND table_name = ${str(name)}`))
      .map((r) => String(r.column_name)));
    await store.ensureColumns(name, schema.columns.filter((c) => have.has(c.name)).map((c) => c.name));
    const timed = !allTimes && schema.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
    // Rows without a TimeGenerated are in no window.
    if (timed && !have.has('TimeGenerated')) continue;
    const where = timed
      ? ` WHERE TimeGenerated > make_timestamp_ns(${BigInt(since.getTime()) * 1_000_000n}) AND TimeGenerated <= make_timestamp_ns(${BigInt(to.getTime()) * 1_000_000n})`
      : '';
    await store.connection.run(`INSERT INTO main.${ident(name)} BY NAME SELECT * FROM src.main.${ident(name)}${where}`);
  }
  await store.connection.run(`DETACH src`);
}

async function readAlerts(store: Store, ids: readonly string[], incidentOf: ReadonlyMap<string, number>): Promise<BacktestAlert[]> {
  if (ids.length === 0) return [];
  const out: BacktestAlert[] = [];
  // In chunks: a day of a 5-minute rule can raise hundreds of alerts.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await selectRows(store, `SELECT a.SystemAlertId, epoch_ns(a.TimeGenerated) AS Slot, a.AlertName, a.AlertSeverity, CAST(a.Entities AS VARCHAR) AS Entities,
        (SELECT count(*) FROM kqlwatch_alert_evidence e WHERE e.SystemAlertId = a.SystemAlertId) AS Evidence
      FROM SecurityAlert a WHERE a.SystemAlertId IN (${chunk.map((id) => str(id)).join(', ')})`);
    const byId = new Map(rows.map((r) => [String(r.SystemAlertId), r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (!r) continue;
      const entities = (JSON.parse(String(r.Entities || '[]')) as Record<string, unknown>[]).map((e) => {
        const { $id: _id, Type, ...rest } = e;
        return `${entityTypeName(String(Type))}: ${Object.entries(rest).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`;
      }).sort();
      const incident = incidentOf.get(id);
      out.push({
        slot: new Date(Number(BigInt(r.Slot as bigint) / 1_000_000n)).toISOString(), title: String(r.AlertName), severity: String(r.AlertSeverity),
        entities, evidence: Number(r.Evidence), ...(incident !== undefined ? { incident } : {}),
      });
    }
  }
  return out;
}

export function diffVersions(a: VersionReport, b: VersionReport): BacktestDiff {
  const key = (x: BacktestAlert) => `${x.slot}|${x.entities.join('|')}`;
  const bLeft = new Map<string, BacktestAlert[]>();
  for (const x of b.alertList) bLeft.set(key(x), [...(bLeft.get(key(x)) ?? []), x]);
  const onlyA: BacktestAlert[] = [];
  const both: BacktestAlert[] = [];
  for (const x of a.alertList) {
    const match = bLeft.get(key(x));
    if (match && match.length > 0) {
      match.shift();
      both.push(x);
    } else onlyA.push(x);
  }
  const onlyB = [...bLeft.values()].flat().sort((x, y) => (x.slot < y.slot ? -1 : x.slot > y.slot ? 1 : 0));
  const entA = new Set(a.perEntity.map((e) => e.entity));
  const entB = new Set(b.perEntity.map((e) => e.entity));
  return {
    onlyA, onlyB, both,
    entitiesOnlyA: [...entA].filter((e) => !entB.has(e)).sort(),
    entitiesOnlyB: [...entB].filter((e) => !entA.has(e)).sort(),
  };
}

/** The report as text tables. */
export function formatBacktest(r: BacktestReport): string {
  const out: string[] = [`Backtest of ${r.db} from ${r.from} to ${r.to}`, ''];
  for (const v of r.versions) {
    out.push(`${v.label}: ${v.file} — ${v.ruleName}`);
    out.push(`   ${v.runs} runs${v.failedRuns > 0 ? ` (${v.failedRuns} failed)` : ''}, ${v.alerts} alerts, ${v.incidents} incidents`);
  }
  out.push('');
  const days = [...new Set(r.versions.flatMap((v) => v.perDay.map((d) => d.day)))].sort();
  out.push('Per day');
  out.push(table(['day', ...r.versions.flatMap((v) => [`alerts ${v.label}`, `incidents ${v.label}`])],
    days.map((d) => [d, ...r.versions.flatMap((v) => {
      const x = v.perDay.find((p) => p.day === d);
      return [String(x?.alerts ?? 0), String(x?.incidents ?? 0)];
    })])));
  out.push('');
  const entities = [...new Set(r.versions.flatMap((v) => v.perEntity.map((e) => e.entity)))];
  const count = (v: VersionReport, e: string) => v.perEntity.find((p) => p.entity === e)?.alerts ?? 0;
  entities.sort((x, y) => Math.max(...r.versions.map((v) => count(v, y))) - Math.max(...r.versions.map((v) => count(v, x))) || (x < y ? -1 : 1));
  out.push('Per entity');
  out.push(table(['entity', ...r.versions.map((v) => `alerts ${v.label}`)], entities.map((e) => [e, ...r.versions.map((v) => String(count(v, e)))])));
  if (r.diff) {
    const d = r.diff;
    out.push('');
    out.push(`Difference: ${d.onlyA.length} alerts only A raises, ${d.onlyB.length} only B, ${d.both.length} both`);
    const list = (title: string, xs: readonly BacktestAlert[]) => {
      if (xs.length === 0) return;
      out.push('');
      out.push(title);
      out.push(table(['run', 'title', 'entities', 'evidence'], xs.map((x) => [x.slot, x.title, x.entities.join('; '), String(x.evidence)])));
    };
    list('Only A', d.onlyA);
    list('Only B', d.onlyB);
    if (d.entitiesOnlyA.length > 0) out.push('', `Entities only A alerts on: ${d.entitiesOnlyA.join('; ')}`);
    if (d.entitiesOnlyB.length > 0) out.push('', `Entities only B alerts on: ${d.entitiesOnlyB.join('; ')}`);
  }
  return out.join('\n') + '\n';
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '  (none)';
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => '  ' + cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The report as JSON (alert lists included). */
export function backtestJson(r: BacktestReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
