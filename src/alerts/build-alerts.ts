/**
 * buildAlerts(rule, result, run): the alerts one triggered run produces (learn.microsoft.com/azure/sentinel/
 * scheduled-rules-overview, …/security-alert-schema): rows grouped per eventGroupingSettings, then per alert the
 * details from alertDetailsOverride, entities, custom details, start/end time of its events and its evidence rows.
 * Pure: no store, no clock; ids derive from rule id, slot and position.
 */
import type { QueryResult } from '../kql/engine-types.js';
import type { Rule, TriggerOperator } from '../rules/model.js';
import { formatDatetime } from '../kql/format/format-datetime.js';
import { formatTimespan } from '../kql/format/format-timespan.js';
import type { Alert } from './alert.js';
import { deterministicGuid } from './alert-id.js';
import { buildCustomDetails } from './custom-details.js';
import { extractEntities } from './entities.js';
import { ALERTS_PER_RUN, groupEvents } from './event-grouping.js';
import { alertDetails } from './overrides.js';

export interface AlertRun {
  /** The run's slot; alerts are created at this time. */
  readonly scheduledTime: Date;
  readonly windowStart: Date;
  readonly windowEnd: Date;
}

export interface BuiltAlerts {
  readonly alerts: Alert[];
  readonly rowsCutByCaps: number;
  readonly entitiesDropped: number;
  readonly notes: string[];
}

const NS_PER_MS = 1_000_000n;
const TICKS_PER_MS = 10_000n;
const OPERATOR_NAMES: Record<TriggerOperator, string> = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual' };

/** triggerOperator/triggerThreshold against the number of result rows. */
export function isTriggered(rule: Rule, rowCount: number): boolean {
  const t = rule.triggerThreshold;
  switch (rule.triggerOperator) {
    case 'gt':
      return rowCount > t;
    case 'lt':
      return rowCount < t;
    case 'eq':
      return rowCount === t;
    case 'ne':
      return rowCount !== t;
  }
}

export function buildAlerts(rule: Rule, result: QueryResult, run: AlertRun): BuiltAlerts {
  const { columns, rows } = result;
  const cap = ALERTS_PER_RUN[rule.kind];
  const grouping = rule.eventGroupingSettings.aggregationKind;
  const { groups, rowsCut } = groupEvents(grouping, rows.length, cap);
  const notes: string[] = [];
  if (rowsCut > 0) {
    notes.push(`${rows.length} results exceed the ${cap}-alert cap: ${cap - 1} alerts of their own, the last alert summarises all ${rows.length}`);
  }
  const tgIndex = columns.findIndex((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
  const windowStartNs = BigInt(run.windowStart.getTime()) * NS_PER_MS;
  const windowEndNs = BigInt(run.windowEnd.getTime()) * NS_PER_MS;
  const createdNs = BigInt(run.scheduledTime.getTime()) * NS_PER_MS;
  const slot = formatDatetime(createdNs);
  let entitiesDropped = 0;
  const noteSet = new Set<string>();

  const alerts = groups.map((g): Alert => {
    const alertRows = g.rows.map((i) => rows[i]!);
    const details = alertDetails(rule, columns, alertRows[0]);
    const ents = extractEntities(rule.entityMappings, columns, alertRows);
    entitiesDropped += ents.dropped;
    ents.notes.forEach((n) => noteSet.add(n));
    const otherBytes = Buffer.byteLength(details.displayName + details.description);
    const custom = buildCustomDetails(rule.customDetails, columns, alertRows, otherBytes);
    custom.notes.forEach((n) => noteSet.add(n));
    let start: bigint | undefined;
    let end: bigint | undefined;
    if (tgIndex >= 0) {
      for (const r of alertRows) {
        const v = r[tgIndex];
        if (typeof v !== 'bigint') continue;
        if (start === undefined || v < start) start = v;
        if (end === undefined || v > end) end = v;
      }
    }
    const extendedProperties: Record<string, string> = {
      'Alert generation status': g.isSummary ? 'Summary alert (per-run alert cap reached)' : 'Full alert created',
      'Analytic Rule Ids': JSON.stringify([rule.id]),
      'Analytic Rule Name': rule.name,
      'Event Grouping': grouping,
      'Query': rule.query,
      'Query Period': formatTimespan(BigInt(run.windowEnd.getTime() - run.windowStart.getTime()) * TICKS_PER_MS),
      'Query Start Time UTC': formatDatetime(windowStartNs),
      'Query End Time UTC': formatDatetime(windowEndNs),
      'Trigger Operator': OPERATOR_NAMES[rule.triggerOperator],
      'Trigger Threshold': String(rule.triggerThreshold),
      'Search Query Results Overall Count': String(rows.length),
      'ProcessedBySentinel': 'True',
    };
    if (Object.keys(custom.details).length > 0) extendedProperties['Custom Details'] = JSON.stringify(custom.details);
    return {
      systemAlertId: deterministicGuid('alert', rule.id, slot, String(g.index)),
      index: g.index,
      isSummary: g.isSummary,
      ruleId: rule.id,
      ruleName: rule.name,
      ...details,
      startTime: start ?? windowStartNs,
      endTime: end ?? windowEndNs,
      timeGenerated: createdNs,
      entities: ents.entities,
      customDetails: custom.details,
      extendedProperties,
      rowIndexes: g.rows,
      evidence: alertRows,
    };
  });
  return { alerts, rowsCutByCaps: rowsCut, entitiesDropped, notes: [...notes, ...noteSet] };
}
