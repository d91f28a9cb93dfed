/**
 * readScoredAlerts(store): the store's alerts (SecurityAlert) as scoring sees them — the users each names and the
 * span of its activity. The users are the alert's Account entities (Name@UPNSuffix, or a FullName/Name that is
 * a UPN); an alert without Account entities names the UPN-shaped strings of its evidence rows instead, so a rule
 * without an Account mapping can still be scored.
 */
import { ident } from '../kql/sql/sql-text.js';
import { EVIDENCE_TABLE } from '../scheduler/write-alerts.js';
import type { Store } from '../store/store.js';
import type { ScoredAlert } from './score-rules.js';

const UPN = /^[^@\s"]+@[^@\s"]+\.[^@\s"]+$/;

export async function readScoredAlerts(store: Store): Promise<ScoredAlert[]> {
  await store.ensureTables(['SecurityAlert']);
  const reader = await store.connection.runAndReadAll(
    `SELECT SystemAlertId, AlertType, DisplayName, epoch_ms(TimeGenerated::TIMESTAMP), epoch_ms(StartTime::TIMESTAMP),
            epoch_ms(EndTime::TIMESTAMP), Entities
       FROM ${ident('SecurityAlert')} ORDER BY TimeGenerated, AlertType, StartTime, SystemAlertId`,
  );
  const alerts: ScoredAlert[] = [];
  const withoutAccounts: string[] = [];
  for (const [id, ruleId, name, created, start, end, entities] of reader.getRows()) {
    const users = accountUpns(String(entities ?? ''));
    if (users.length === 0) withoutAccounts.push(String(id));
    alerts.push({
      id: String(id), ruleId: String(ruleId), name: String(name),
      created: Number(created), start: Number(start ?? created), end: Number(end ?? created), users,
    });
  }
  if (withoutAccounts.length > 0) {
    const fromEvidence = await evidenceUpns(store, withoutAccounts);
    for (let i = 0; i < alerts.length; i++) {
      const a = alerts[i]!;
      const found = fromEvidence.get(a.id);
      if (a.users.length === 0 && found) alerts[i] = { ...a, users: [...found].sort() };
    }
  }
  return alerts;
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

async function evidenceUpns(store: Store, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const exists = await store.connection.runAndReadAll(
    `SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${EVIDENCE_TABLE}'`,
  );
  if (exists.getRows().length === 0) return out;
  const wanted = new Set(ids);
  const reader = await store.connection.runAndReadAll(`SELECT SystemAlertId, "Row"::VARCHAR FROM ${ident(EVIDENCE_TABLE)}`);
  for (const [id, row] of reader.getRows()) {
    if (!wanted.has(String(id))) continue;
    let values: unknown;
    try {
      values = JSON.parse(String(row));
    } catch {
      continue;
    }
    if (typeof values !== 'object' || values === null) continue;
    for (const v of Object.values(values)) {
      if (typeof v === 'string' && UPN.test(v)) {
        const set = out.get(String(id)) ?? new Set<string>();
        set.add(v.toLowerCase());
        out.set(String(id), set);
      }
    }
  }
  return out;
}
