/**
 * buildRule(document): the typed Rule from a RuleDocument's raw fields, with Sentinel's defaults for what the file
 * leaves out (RULE_DEFAULTS) and the spellings Sentinel accepts normalised (`scheduled` → `Scheduled`, ARM's
 * `GreaterThan` → `gt`). Values of the wrong shape are reported here (RULE003); values of the right shape but not
 * allowed or out of range are left to the checks in validate/, which see the raw value. A rule with any error
 * issue must not be run: its placeholders (e.g. a default severity) only keep the object well-formed.
 */
import { parseDuration } from './duration.js';
import { issue } from './issues.js';
import {
  RULE_DEFAULTS, type AlertDetailsOverride, type EntityMapping, type EventGrouping, type MatchingMethod, type Rule,
  type RuleIssue, type RuleKind, type Severity, type TriggerOperator,
} from './model.js';
import type { RuleDocument } from './rule-document.js';

const TRIGGER_SPELLINGS: Record<string, TriggerOperator> = {
  gt: 'gt', lt: 'lt', eq: 'eq', ne: 'ne',
  GreaterThan: 'gt', LessThan: 'lt', Equal: 'eq', NotEqual: 'ne',
};
export const SEVERITIES: readonly Severity[] = ['Informational', 'Low', 'Medium', 'High'];
const NRT_INTERVAL = 60_000;

export function normaliseTrigger(v: unknown): TriggerOperator | undefined {
  return typeof v === 'string' ? TRIGGER_SPELLINGS[v] : undefined;
}

export function normaliseKind(v: unknown): RuleKind | undefined {
  if (typeof v !== 'string') return undefined;
  const l = v.toLowerCase();
  return l === 'scheduled' ? 'Scheduled' : l === 'nrt' ? 'NRT' : undefined;
}

export function buildRule(doc: RuleDocument, queryLine?: number): { rule: Rule; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const f = doc.fields;
  const wrong = (field: string, expected: string) =>
    issues.push(issue('error', 'RULE003', `'${field}' must be ${expected}, not ${describe(valueAt(f, field))}`, doc.locate(field), field));

  const str = (field: string, value: unknown = f[field]): string => {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    wrong(field, 'text');
    return '';
  };
  const bool = (field: string, dflt: boolean, value: unknown = valueAt(f, field)): boolean => {
    if (value === undefined || value === null) return dflt;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    wrong(field, 'true or false');
    return dflt;
  };
  const strings = (field: string, value: unknown = valueAt(f, field)): string[] => {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) {
      return value.map((v, i) => (typeof v === 'string' ? v : (wrong(`${field}[${i}]`, 'text'), String(v))));
    }
    wrong(field, 'a list');
    return [];
  };
  const duration = (field: string, dflt: number): number => parseDuration(valueAt(f, field)) ?? dflt;

  const kind = normaliseKind(f.kind) ?? RULE_DEFAULTS.kind;
  const severity = SEVERITIES.includes(f.severity as Severity) ? (f.severity as Severity) : 'Medium';

  const connectors: { connectorId: string; dataTypes: string[] }[] = [];
  const rawConnectors = f.requiredDataConnectors;
  if (Array.isArray(rawConnectors)) {
    rawConnectors.forEach((c, i) => {
      if (!isObject(c)) return wrong(`requiredDataConnectors[${i}]`, 'a map with connectorId and dataTypes');
      connectors.push({ connectorId: str(`requiredDataConnectors[${i}].connectorId`, c.connectorId), dataTypes: strings(`requiredDataConnectors[${i}].dataTypes`, c.dataTypes) });
    });
  } else if (rawConnectors !== undefined && rawConnectors !== null) {
    wrong('requiredDataConnectors', 'a list');
  }

  const entityMappings: EntityMapping[] = [];
  const rawMappings = f.entityMappings;
  if (Array.isArray(rawMappings)) {
    rawMappings.forEach((m, i) => {
      if (!isObject(m)) return wrong(`entityMappings[${i}]`, 'a map with entityType and fieldMappings');
      const fieldMappings: { identifier: string; columnName: string }[] = [];
      if (Array.isArray(m.fieldMappings)) {
        m.fieldMappings.forEach((fm, j) => {
          const path = `entityMappings[${i}].fieldMappings[${j}]`;
          if (!isObject(fm)) return wrong(path, 'a map with identifier and columnName');
          fieldMappings.push({ identifier: str(`${path}.identifier`, fm.identifier), columnName: str(`${path}.columnName`, fm.columnName) });
        });
      } else if (m.fieldMappings !== undefined) {
        wrong(`entityMappings[${i}].fieldMappings`, 'a list');
      }
      entityMappings.push({ entityType: str(`entityMappings[${i}].entityType`, m.entityType), fieldMappings });
    });
  } else if (rawMappings !== undefined && rawMappings !== null) {
    wrong('entityMappings', 'a list');
  }

  const customDetails: Record<string, string> = {};
  if (isObject(f.customDetails)) {
    for (const [k, v] of Object.entries(f.customDetails)) customDetails[k] = str(`customDetails.${k}`, v);
  } else if (f.customDetails !== undefined && f.customDetails !== null) {
    wrong('customDetails', 'a map of detail name to column');
  }

  let alertDetailsOverride: AlertDetailsOverride | undefined;
  if (isObject(f.alertDetailsOverride)) {
    const o = f.alertDetailsOverride;
    const p = 'alertDetailsOverride';
    const dyn = Array.isArray(o.alertDynamicProperties)
      ? o.alertDynamicProperties.filter(isObject).map((d, i) => ({
          alertProperty: str(`${p}.alertDynamicProperties[${i}].alertProperty`, d.alertProperty),
          value: str(`${p}.alertDynamicProperties[${i}].value`, d.value),
        }))
      : undefined;
    alertDetailsOverride = {
      ...(o.alertDisplayNameFormat != null ? { alertDisplayNameFormat: str(`${p}.alertDisplayNameFormat`, o.alertDisplayNameFormat) } : {}),
      ...(o.alertDescriptionFormat != null ? { alertDescriptionFormat: str(`${p}.alertDescriptionFormat`, o.alertDescriptionFormat) } : {}),
      ...(o.alertSeverityColumnName != null ? { alertSeverityColumnName: str(`${p}.alertSeverityColumnName`, o.alertSeverityColumnName) } : {}),
      ...(o.alertTacticsColumnName != null ? { alertTacticsColumnName: str(`${p}.alertTacticsColumnName`, o.alertTacticsColumnName) } : {}),
      ...(dyn && dyn.length > 0 ? { alertDynamicProperties: dyn } : {}),
    };
  } else if (f.alertDetailsOverride !== undefined && f.alertDetailsOverride !== null) {
    wrong('alertDetailsOverride', 'a map');
  }

  const g = RULE_DEFAULTS.grouping;
  const gp = 'incidentConfiguration.groupingConfiguration';
  const matching = valueAt(f, `${gp}.matchingMethod`);
  const aggregation = valueAt(f, 'eventGroupingSettings.aggregationKind');
  const threshold = f.triggerThreshold;
  let triggerThreshold: number = RULE_DEFAULTS.triggerThreshold;
  if (typeof threshold === 'number') triggerThreshold = threshold;
  else if (typeof threshold === 'string' && /^\d+$/.test(threshold)) triggerThreshold = Number(threshold);
  else if (threshold !== undefined && threshold !== null) wrong('triggerThreshold', 'a whole number');

  const rule: Rule = {
    id: str('id'),
    name: str('name'),
    description: str('description'),
    severity,
    kind,
    enabled: bool('enabled', RULE_DEFAULTS.enabled),
    ...(f.version !== undefined && f.version !== null ? { version: str('version') } : {}),
    requiredDataConnectors: connectors,
    queryFrequency: kind === 'NRT' ? NRT_INTERVAL : duration('queryFrequency', g.lookbackDuration),
    queryPeriod: kind === 'NRT' ? NRT_INTERVAL : duration('queryPeriod', g.lookbackDuration),
    triggerOperator: normaliseTrigger(f.triggerOperator) ?? RULE_DEFAULTS.triggerOperator,
    triggerThreshold,
    tactics: strings('tactics'),
    relevantTechniques: strings('relevantTechniques'),
    query: str('query'),
    entityMappings,
    customDetails,
    ...(alertDetailsOverride ? { alertDetailsOverride } : {}),
    incidentConfiguration: {
      createIncident: bool('incidentConfiguration.createIncident', RULE_DEFAULTS.createIncident),
      groupingConfiguration: {
        enabled: bool(`${gp}.enabled`, g.enabled),
        reopenClosedIncident: bool(`${gp}.reopenClosedIncident`, g.reopenClosedIncident),
        lookbackDuration: duration(`${gp}.lookbackDuration`, g.lookbackDuration),
        matchingMethod: (['AllEntities', 'AnyAlert', 'Selected'].includes(matching as string) ? matching : g.matchingMethod) as MatchingMethod,
        groupByEntities: strings(`${gp}.groupByEntities`),
        groupByAlertDetails: strings(`${gp}.groupByAlertDetails`),
        groupByCustomDetails: strings(`${gp}.groupByCustomDetails`),
      },
    },
    eventGroupingSettings: {
      aggregationKind: (aggregation === 'AlertPerResult' ? 'AlertPerResult' : RULE_DEFAULTS.aggregationKind) as EventGrouping,
    },
    suppressionEnabled: bool('suppressionEnabled', RULE_DEFAULTS.suppressionEnabled),
    suppressionDuration: duration('suppressionDuration', RULE_DEFAULTS.suppressionDuration),
    source: { file: doc.file, line: doc.line },
    ...(queryLine !== undefined ? { queryLine } : {}),
  };
  return { rule, issues };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The raw value at a field path of the document's fields. */
export function valueAt(fields: Readonly<Record<string, unknown>>, path: string): unknown {
  let v: unknown = fields;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) v = Array.isArray(v) ? v[Number(m[2])] : undefined;
    else v = isObject(v) ? v[m[1]!] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} '${String(v).slice(0, 60)}'`;
}
