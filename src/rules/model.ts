/**
 * A Sentinel scheduled or NRT analytics rule, as the public Azure-Sentinel repository's YAML schema and Sentinel's
 * ARM export describe it (https://learn.microsoft.com/azure/sentinel/create-analytics-rules,
 * https://learn.microsoft.com/azure/templates/microsoft.securityinsights/alertrules). Field names are Sentinel's;
 * durations are normalised to milliseconds. The loaders (load-yaml.ts, load-arm.ts) produce this; the scheduler,
 * alert builder and incident grouping consume it.
 */

export type Severity = 'Informational' | 'Low' | 'Medium' | 'High';
export type TriggerOperator = 'gt' | 'lt' | 'eq' | 'ne';
export type RuleKind = 'Scheduled' | 'NRT';
export type EventGrouping = 'SingleAlert' | 'AlertPerResult';
export type MatchingMethod = 'AllEntities' | 'AnyAlert' | 'Selected';

/** Where a rule (or one of its fields) was read from, for messages `file:line`. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

export interface FieldMapping {
  readonly identifier: string;
  readonly columnName: string;
}

export interface EntityMapping {
  /** Account, Host, IP, URL, FileHash, CloudApplication, … */
  readonly entityType: string;
  readonly fieldMappings: readonly FieldMapping[];
}

export interface AlertDetailsOverride {
  readonly alertDisplayNameFormat?: string;
  readonly alertDescriptionFormat?: string;
  /** Column holding the severity per result row. */
  readonly alertSeverityColumnName?: string;
  /** Column holding the tactics per result row. */
  readonly alertTacticsColumnName?: string;
  readonly alertDynamicProperties?: readonly { readonly alertProperty: string; readonly value: string }[];
}

export interface GroupingConfiguration {
  readonly enabled: boolean;
  readonly reopenClosedIncident: boolean;
  /** ms */
  readonly lookbackDuration: number;
  readonly matchingMethod: MatchingMethod;
  readonly groupByEntities: readonly string[];
  readonly groupByAlertDetails: readonly string[];
  readonly groupByCustomDetails: readonly string[];
}

export interface IncidentConfiguration {
  readonly createIncident: boolean;
  readonly groupingConfiguration: GroupingConfiguration;
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly kind: RuleKind;
  readonly enabled: boolean;
  readonly version?: string;
  readonly requiredDataConnectors: readonly { readonly connectorId: string; readonly dataTypes: readonly string[] }[];
  /** ms; NRT rules run every minute. */
  readonly queryFrequency: number;
  /** ms */
  readonly queryPeriod: number;
  readonly triggerOperator: TriggerOperator;
  readonly triggerThreshold: number;
  readonly tactics: readonly string[];
  readonly relevantTechniques: readonly string[];
  readonly query: string;
  readonly entityMappings: readonly EntityMapping[];
  /** Custom detail key → result column. */
  readonly customDetails: Readonly<Record<string, string>>;
  readonly alertDetailsOverride?: AlertDetailsOverride;
  readonly incidentConfiguration: IncidentConfiguration;
  readonly eventGroupingSettings: { readonly aggregationKind: EventGrouping };
  readonly suppressionEnabled: boolean;
  /** ms */
  readonly suppressionDuration: number;
  /** The file the rule came from and the line of its first field. */
  readonly source: SourceLocation;
  /** Line of the `query` field's first query line, to map KQL diagnostics to file lines. */
  readonly queryLine?: number;
}

/** Sentinel's defaults for fields a rule file may leave out. */
export const RULE_DEFAULTS = {
  triggerOperator: 'gt' as TriggerOperator,
  triggerThreshold: 0,
  kind: 'Scheduled' as RuleKind,
  enabled: true,
  suppressionEnabled: false,
  suppressionDuration: 5 * 60 * 60 * 1000,
  aggregationKind: 'SingleAlert' as EventGrouping,
  createIncident: true,
  grouping: {
    enabled: false,
    reopenClosedIncident: false,
    lookbackDuration: 5 * 60 * 60 * 1000,
    matchingMethod: 'AllEntities' as MatchingMethod,
    groupByEntities: [] as string[],
    groupByAlertDetails: [] as string[],
    groupByCustomDetails: [] as string[],
  },
} as const;

/** A problem found while loading or validating a rule. */
export interface RuleIssue {
  readonly severity: 'error' | 'warning';
  /** RULE### codes from rules/issues.ts, or a KQL diagnostic code (KS###, KQW###). */
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
  /** The rule field the issue is about (`queryPeriod`, `entityMappings[2].fieldMappings[0].columnName`). */
  readonly field?: string;
}
