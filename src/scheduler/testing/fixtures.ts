/**
 * Test helpers for the scheduler, alert and incident tests: a Rule built inline with Sentinel's defaults, a store
 * with a small `Events` table beside the Sentinel tables, and rows inserted as plain objects.
 */
import { defaultCatalog } from '../../store/schemas.js';
import { openStore, type Store } from '../../store/store.js';
import { makeCatalog, type TableSchema } from '../../kql/syntax/catalog.js';
import type { Column } from '../../kql/plan/types.js';
import { RULE_DEFAULTS, type GroupingConfiguration, type Rule } from '../../rules/model.js';
import { insertRows, type RowValue } from '../sql-rows.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

export const EVENTS: TableSchema = {
  name: 'Events',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'User', type: 'string' },
    { name: 'IP', type: 'string' },
    { name: 'Host', type: 'string' },
    { name: 'App', type: 'string' },
    { name: 'Sev', type: 'string' },
    { name: 'Tags', type: 'dynamic' },
    { name: 'Count', type: 'long' },
  ],
};

export async function testStore(): Promise<Store> {
  const d = defaultCatalog();
  const keep = ['SecurityAlert', 'SecurityIncident', 'SentinelHealth'].map((n) => d.tables.get(n)!);
  return openStore(':memory:', { catalog: makeCatalog([EVENTS, ...keep]) });
}

export type EventRow = Partial<Record<string, RowValue | Date | readonly unknown[]>>;

export async function insertEvents(store: Store, rows: readonly EventRow[]): Promise<void> {
  await store.ensureTables(['Events']);
  const cols: readonly Column[] = EVENTS.columns;
  await insertRows(store, 'Events', cols, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [
    k,
    v instanceof Date ? BigInt(v.getTime()) * 1_000_000n : Array.isArray(v) ? JSON.stringify(v) : (v as RowValue),
  ]))));
}

export const at = (iso: string) => new Date(iso);

export function testRule(over: Partial<Omit<Rule, 'incidentConfiguration'>> & { grouping?: Partial<GroupingConfiguration>; createIncident?: boolean } = {}): Rule {
  const { grouping, createIncident, ...rest } = over;
  return {
    id: 'rule-1',
    name: 'Test rule',
    description: 'A rule under test',
    severity: 'Medium',
    kind: 'Scheduled',
    enabled: true,
    requiredDataConnectors: [],
    queryFrequency: HOUR,
    queryPeriod: HOUR,
    triggerOperator: RULE_DEFAULTS.triggerOperator,
    triggerThreshold: RULE_DEFAULTS.triggerThreshold,
    tactics: ['CredentialAccess'],
    relevantTechniques: ['T1528'],
    query: 'Events | project TimeGenerated, User, IP, Host, App, Sev, Tags, Count | order by TimeGenerated asc',
    entityMappings: [],
    customDetails: {},
    eventGroupingSettings: { aggregationKind: 'SingleAlert' },
    suppressionEnabled: false,
    suppressionDuration: RULE_DEFAULTS.suppressionDuration,
    source: { file: 'inline', line: 1 },
    incidentConfiguration: {
      createIncident: createIncident ?? true,
      groupingConfiguration: { ...RULE_DEFAULTS.grouping, ...grouping },
    },
    ...rest,
  };
}
