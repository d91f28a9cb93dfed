/**
 * Incident persistence: the current state of each incident in `kqlwatch_incidents` (one row per incident, the
 * state as JSON, plus the columns grouping searches by), and every change appended to `SecurityIncident`. A new
 * row's TimeGenerated is never earlier than 1 µs after the previous one, so arg_max(TimeGenerated) always names
 * the latest state even when two changes share a --now.
 */
import type { Column } from '../kql/plan/types.js';
import type { Store } from '../store/store.js';
import { json } from '../kql/sql/sql-text.js';
import { ensureOwnTable, insertRows, selectRows, str, type Row } from '../scheduler/sql-rows.js';
import { securityIncidentRow, type Incident } from './incident.js';

export const INCIDENTS_TABLE = 'kqlwatch_incidents';

const STATE_COLUMNS: readonly Column[] = [
  { name: 'IncidentNumber', type: 'long' },
  { name: 'RuleId', type: 'string' },
  { name: 'GroupingKey', type: 'string' },
  { name: 'FirstAlertTime', type: 'datetime' },
  { name: 'State', type: 'dynamic' },
];

export async function ensureIncidentTables(store: Store): Promise<void> {
  await store.ensureTables(['SecurityIncident']);
  await ensureOwnTable(store, INCIDENTS_TABLE, STATE_COLUMNS, ['IncidentNumber']);
}

function toJson(i: Incident): string {
  return JSON.stringify(i, (_, v: unknown) => (typeof v === 'bigint' ? { ns: v.toString() } : v));
}

function fromJson(text: string): Incident {
  return JSON.parse(text, (_, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { ns?: unknown }).ns === 'string') {
      return BigInt((v as { ns: string }).ns);
    }
    return v;
  }) as Incident;
}

/** Incidents of a rule whose first alert is at or after `since` (ns), oldest first. */
export async function loadRuleIncidents(store: Store, ruleId: string, since: bigint): Promise<Incident[]> {
  const rows = await selectRows(
    store,
    `SELECT State FROM ${INCIDENTS_TABLE} WHERE RuleId = ${str(ruleId)} AND FirstAlertTime >= make_timestamp_ns(${since})
      ORDER BY IncidentNumber`,
  );
  return rows.map((r) => fromJson(String(r.State)));
}

export async function loadIncident(store: Store, number: number): Promise<Incident | undefined> {
  await ensureIncidentTables(store);
  const rows = await selectRows(store, `SELECT State FROM ${INCIDENTS_TABLE} WHERE IncidentNumber = ${Math.trunc(number)}`);
  return rows[0] ? fromJson(String(rows[0].State)) : undefined;
}

export async function listIncidents(store: Store): Promise<Incident[]> {
  await ensureIncidentTables(store);
  const rows = await selectRows(store, `SELECT State FROM ${INCIDENTS_TABLE} ORDER BY IncidentNumber`);
  return rows.map((r) => fromJson(String(r.State)));
}

export async function nextIncidentNumber(store: Store): Promise<number> {
  const rows = await selectRows(store, `SELECT coalesce(max(IncidentNumber), 0) AS n FROM ${INCIDENTS_TABLE}`);
  return Number(rows[0]?.n ?? 0) + 1;
}

/** The TimeGenerated of a new revision at `at`: strictly after the previous one. */
export function revisionTime(at: bigint, previous: bigint | undefined): bigint {
  return previous !== undefined && at <= previous ? previous + 1000n : at;
}

/** Writes the incidents' new states and appends one SecurityIncident row each. */
export async function saveIncidents(store: Store, incidents: readonly Incident[], created: ReadonlySet<number>): Promise<void> {
  if (incidents.length === 0) return;
  const state: Row[] = [];
  for (const i of incidents) {
    if (created.has(i.number)) {
      state.push({ IncidentNumber: i.number, RuleId: i.ruleId, GroupingKey: i.groupingKey, FirstAlertTime: i.firstAlertTime, State: toJson(i) });
    } else {
      await store.connection.run(`UPDATE ${INCIDENTS_TABLE} SET State = ${json(toJson(i))} WHERE IncidentNumber = ${i.number}`);
    }
  }
  await insertRows(store, INCIDENTS_TABLE, STATE_COLUMNS, state);
  await insertRows(store, 'SecurityIncident', store.catalog.tables.get('SecurityIncident')!.columns, incidents.map(securityIncidentRow));
}
