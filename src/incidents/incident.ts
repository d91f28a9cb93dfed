/**
 * An incident's current state, and its `SecurityIncident` row (learn.microsoft.com/azure/azure-monitor/reference/
 * tables/securityincident). As in Sentinel, SecurityIncident is a log: every change appends a row, and the current
 * state of incident N is its latest row (`SecurityIncident | summarize arg_max(TimeGenerated, *) by IncidentNumber`).
 * Times are bigint nanoseconds since the epoch.
 */
import type { Severity } from '../rules/model.js';
import type { Row } from '../scheduler/sql-rows.js';

export type IncidentStatus = 'New' | 'Active' | 'Closed';
export type Classification = 'Undetermined' | 'TruePositive' | 'BenignPositive' | 'FalsePositive';

export const CLASSIFICATIONS: readonly Classification[] = ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'];
/** Sentinel's classification reasons, by classification. */
export const CLASSIFICATION_REASONS: Readonly<Record<Classification, readonly string[]>> = {
  Undetermined: [],
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
};

export const MAX_ALERTS_PER_INCIDENT = 150;

export interface IncidentOwner {
  readonly objectId: string | null;
  readonly email: string | null;
  readonly assignedTo: string | null;
  readonly userPrincipalName: string | null;
}

export const NO_OWNER: IncidentOwner = { objectId: null, email: null, assignedTo: null, userPrincipalName: null };

export interface IncidentEntity {
  readonly entityType: string;
  readonly identifiers: Readonly<Record<string, string>>;
  readonly key: string;
}

export interface Incident {
  readonly number: number;
  readonly name: string;
  readonly ruleId: string;
  /** What alerts must share to join it (group-alerts.ts). */
  readonly groupingKey: string;
  /** Creation time of its first alert: the lookback is counted from here. */
  readonly firstAlertTime: bigint;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly classification: string;
  readonly classificationReason: string;
  readonly classificationComment: string;
  readonly owner: IncidentOwner;
  readonly alertIds: readonly string[];
  readonly entities: readonly IncidentEntity[];
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  readonly firstActivityTime: bigint;
  readonly lastActivityTime: bigint;
  readonly createdTime: bigint;
  readonly firstModifiedTime: bigint | null;
  readonly lastModifiedTime: bigint;
  readonly closedTime: bigint | null;
  readonly modifiedBy: string;
  /** TimeGenerated of its latest SecurityIncident row. */
  readonly revisionTime: bigint;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { Informational: 0, Low: 1, Medium: 2, High: 3 };

export function securityIncidentRow(i: Incident): Row {
  return {
    TimeGenerated: i.revisionTime,
    IncidentName: i.name,
    IncidentNumber: i.number,
    Title: i.title,
    Description: i.description,
    Severity: i.severity,
    Status: i.status,
    Classification: i.classification,
    ClassificationReason: i.classificationReason,
    ClassificationComment: i.classificationComment,
    Owner: JSON.stringify(i.owner),
    ProviderName: 'Azure Sentinel',
    ProviderIncidentId: String(i.number),
    FirstActivityTime: i.firstActivityTime,
    LastActivityTime: i.lastActivityTime,
    FirstModifiedTime: i.firstModifiedTime,
    LastModifiedTime: i.lastModifiedTime,
    CreatedTime: i.createdTime,
    ClosedTime: i.closedTime,
    AlertIds: JSON.stringify(i.alertIds),
    RelatedAnalyticRuleIds: JSON.stringify([i.ruleId]),
    BookmarkIds: '[]',
    Comments: '[]',
    Tasks: '[]',
    Labels: '[]',
    IncidentUrl: '',
    ModifiedBy: i.modifiedBy,
    SourceSystem: 'Azure',
    AdditionalData: JSON.stringify({
      alertsCount: i.alertIds.length,
      bookmarksCount: 0,
      commentsCount: 0,
      alertProductNames: ['Azure Sentinel'],
      tactics: i.tactics,
      techniques: i.techniques,
    }),
  };
}
