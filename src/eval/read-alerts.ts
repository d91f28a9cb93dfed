/**
 * readScoredAlerts(store): the store's alerts (SecurityAlert) as scoring sees them — the users each names, with
 * the span of each user's activity behind it. The users are the alert's Account entities (Name@UPNSuffix, or a
 * FullName/Name that is a UPN); an alert without Account entities names the UPN-shaped values of its evidence
 * rows instead, so a rule without an Account mapping can still be scored. A user's span is the earliest to the
 * latest datetime in the evidence rows (kqlwatch_alert_evidence) that hold the user's UPN — so each user of a
 * SingleAlert alert keeps their own times — or the alert's StartTime-EndTime when no row does.
 */
import { ident } from '../kql/sql/sql-text.js';
import { EVIDENCE_TABLE } from '../scheduler/write-alerts.js';
import type { Store } from '../store/store.js';
import type { Mention, ScoredAlert } from './score-rules.js';

const UPN = /^[^@\s"]+@[^@\s"]+\.[^@\s"]+$/;
const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** One evidence row: the UPN-shaped values (lower case) and the datetimes (epoch ms) among its columns. */
interface EvidenceRow {
  readonly upns: readonly string[];
  readonly times: readonly number[];
}

export async function readScoredAlerts(store: Store): Promise<ScoredAlert[]> {
  // Read with SQL: the columns must be there even if no alert has had a value in them (ADR 0011).
  await store.ensureColumns('SecurityAlert', ['SystemAlertId', 'AlertType', 'DisplayName', 'TimeGenerated', 'StartTime', 'EndTime', 'Entities']);
  const reader = await store.connection.runAndReadAll(
    `SELECT SystemAlertId, AlertType, DisplayName, epoch_ms(TimeGenerated::TIMESTAMP), epoch_ms(StartTime::TIMESTAMP),
            epoch_ms(EndTime::TIMESTAMP), Entities
       FROM ${ident('SecurityAlert')} ORDER BY TimeGenerated, AlertType, StartTime, SystemAlertId`,
  );
  const evidence = await readEvidence(store);
  return reader.getRows().map(([id, ruleId, name, created, start, end, entities]) => {
    const span = { start: Number(start ?? created), end: Number(end ?? created) };
    const rows = evidence.get(String(id)) ?? [];
    let users = accountUpns(String(entities ?? ''));
    if (users.length === 0) users = [...new Set(rows.flatMap((r) => r.upns))].sort();
    const mentions: Mention[] = users.map((user) => {
      const times = rows.filter((r) => r.upns.includes(user)).flatMap((r) => r.times);
      return times.length > 0 ? { user, start: Math.min(...times), end: Math.max(...times) } : { user, ...span };
    });
    return { id: String(id), ruleId: String(ruleId), name: String(name), created: Number(created), ...span, mentions };
  });
}

/** The UPNs of the Account entities in a SecurityAlert Entities JSON text. */
export function accountUpns(entitiesJson: string): string[] {
  let entities: unknown;
  try {
    entities = JSON.parse(entitiesJson);
  } catch {
    return [];
  }
  if (!Array.isArray(entities)) return [];
  const users = new Set<string>();
  for (const e of entities as Record<string, unknown>[]) {
    if (typeof e !== 'object' || e === null || String(e.Type).toLowerCase() !== 'account') continue;
    const name = typeof e.Name === 'string' ? e.Name : '';
    const suffix = typeof e.UPNSuffix === 'string' ? e.UPNSuffix : '';
    const full = typeof e.FullName === 'string' ? e.FullName : '';
    const upn = name && suffix ? `${name}@${suffix}` : UPN.test(full) ? full : UPN.test(name) ? name : '';
    if (upn) users.add(upn.toLowerCase());
  }
  return [...users].sort();
}

/** Top-level values of an evidence row (Kusto JSON): UPN-shaped strings and datetimes. */
export function evidenceRow(json: string): EvidenceRow {
  let values: unknown;
  try {
    values = JSON.parse(json);
  } catch {
    return { upns: [], times: [] };
  }
  const upns: string[] = [];
  const times: number[] = [];
  if (typeof values === 'object' && values !== null) {
    for (const v of Object.values(values)) {
      if (typeof v !== 'string') continue;
      if (UPN.test(v)) upns.push(v.toLowerCase());
      else if (DATETIME.test(v)) times.push(Date.parse(v));
    }
  }
  return { upns, times };
}

async function readEvidence(store: Store): Promise<Map<string, EvidenceRow[]>> {
  const out = new Map<string, EvidenceRow[]>();
  const exists = await store.connection.runAndReadAll(
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${EVIDENCE_TABLE}'`,
  );
  if (exists.getRows().length === 0) return out;
  const reader = await store.connection.runAndReadAll(`SELECT SystemAlertId, "Row"::VARCHAR FROM ${ident(EVIDENCE_TABLE)}`);
  for (const [id, row] of reader.getRows()) {
    const list = out.get(String(id));
    const parsed = evidenceRow(String(row));
    if (list) list.push(parsed);
    else out.set(String(id), [parsed]);
  }
  return out;
}
