/**
 * Sentinel's allowed values and documented limits for analytics rules, in one place, each with its source:
 * - [validator] Azure-Sentinel `.script/tests/detectionTemplateSchemaValidation/Models/*.cs` (the checks every rule
 *   in the public repository passes: AttackTactic.cs, EntityMappingIdentifiers.cs, ScheduledTemplateInternalModel.cs,
 *   AlertDetailsOverride.cs, QueryBasedTemplateInternalModel.cs);
 * - [schedule] learn.microsoft.com/azure/sentinel/scheduled-rules-overview (query scheduling, suppression, alert grouping);
 * - [entities] learn.microsoft.com/azure/sentinel/entities-reference and …/map-data-fields-to-entities;
 * - [details] learn.microsoft.com/azure/sentinel/surface-custom-details-in-alerts.
 */
import { DURATION } from './duration.js';

const { MINUTE, HOUR, DAY } = DURATION;

/** [validator] AttackTactic.cs (MITRE ATT&CK Enterprise + ICS tactics as Sentinel spells them); PreAttack is the API's legacy value. */
export const TACTICS: readonly string[] = [
  'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery',
  'LateralMovement', 'Collection', 'Exfiltration', 'CommandAndControl', 'Impact', 'Reconnaissance', 'ResourceDevelopment',
  'ImpairProcessControl', 'InhibitResponseFunction', 'PreAttack',
];

/** MITRE technique or sub-technique ids: T1078, T1078.004. */
export const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

export const SEVERITY_VALUES: readonly string[] = ['Informational', 'Low', 'Medium', 'High'];
/** [validator] ScheduledTemplateTriggerOperatorConverter.cs: the YAML short forms and the ARM long forms. */
export const TRIGGER_OPERATORS: readonly string[] = ['gt', 'lt', 'eq', 'ne', 'GreaterThan', 'LessThan', 'Equal', 'NotEqual'];
export const RULE_KINDS: readonly string[] = ['Scheduled', 'NRT'];
export const AGGREGATION_KINDS: readonly string[] = ['SingleAlert', 'AlertPerResult'];
export const MATCHING_METHODS: readonly string[] = ['AllEntities', 'AnyAlert', 'Selected'];
/** The API's AlertDetail enum (groupByAlertDetails). */
export const ALERT_DETAILS: readonly string[] = ['DisplayName', 'Severity'];

export interface EntityTypeSchema {
  readonly identifiers: readonly string[];
  /** At least one of these combinations must be mapped. */
  readonly required: readonly (readonly string[])[];
}

/** [validator] EntityMappingIdentifiers.cs; IP's AddressScope from [entities]. */
export const ENTITY_TYPES: Readonly<Record<string, EntityTypeSchema>> = {
  Account: {
    identifiers: ['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined', 'DisplayName', 'ObjectGuid'],
    required: [['FullName'], ['Sid'], ['Name'], ['AadUserId'], ['PUID'], ['ObjectGuid']],
  },
  AzureResource: { identifiers: ['ResourceId'], required: [['ResourceId']] },
  CloudApplication: { identifiers: ['AppId', 'Name', 'InstanceName'], required: [['AppId'], ['Name']] },
  DNS: { identifiers: ['DomainName'], required: [['DomainName']] },
  File: { identifiers: ['Directory', 'Name'], required: [['Name']] },
  FileHash: { identifiers: ['Algorithm', 'Value'], required: [['Algorithm', 'Value']] },
  Host: {
    identifiers: ['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined'],
    required: [['FullName'], ['HostName'], ['NetBiosName'], ['AzureID'], ['OMSAgentID']],
  },
  IoTDevice: {
    identifiers: ['DeviceId', 'DeviceName', 'Manufacturer', 'Model', 'FirmwareVersion', 'OperatingSystem', 'MacAddress', 'Protocols', 'SerialNumber', 'Source', 'IoTSecurityAgentId', 'DeviceType'],
    required: [['DeviceId']],
  },
  IP: { identifiers: ['Address', 'AddressScope'], required: [['Address']] },
  Mailbox: { identifiers: ['MailboxPrimaryAddress', 'DisplayName', 'Upn', 'ExternalDirectoryObjectId', 'RiskLevel'], required: [['MailboxPrimaryAddress']] },
  MailCluster: {
    identifiers: ['NetworkMessageIds', 'CountByDeliveryStatus', 'CountByThreatType', 'CountByProtectionStatus', 'Threats', 'Query', 'QueryTime', 'MailCount', 'IsVolumeAnomaly', 'Source', 'ClusterSourceIdentifier', 'ClusterSourceType', 'ClusterQueryStartTime', 'ClusterQueryEndTime', 'ClusterGroup'],
    required: [['Query'], ['Source']],
  },
  MailMessage: {
    identifiers: ['Recipient', 'Urls', 'Threats', 'Sender', 'P1Sender', 'P1SenderDisplayName', 'P1SenderDomain', 'SenderIP', 'P2Sender', 'P2SenderDisplayName', 'P2SenderDomain', 'ReceivedDate', 'NetworkMessageId', 'InternetMessageId', 'Subject', 'BodyFingerprintBin1', 'BodyFingerprintBin2', 'BodyFingerprintBin3', 'BodyFingerprintBin4', 'BodyFingerprintBin5', 'AntispamDirection', 'DeliveryAction', 'DeliveryLocation', 'Language', 'ThreatDetectionMethods'],
    required: [['NetworkMessageId'], ['Recipient']],
  },
  Malware: { identifiers: ['Name', 'Category'], required: [['Name']] },
  Process: { identifiers: ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'], required: [['CommandLine'], ['ProcessId']] },
  RegistryKey: { identifiers: ['Hive', 'Key'], required: [['Key'], ['Hive']] },
  RegistryValue: { identifiers: ['Name', 'Value', 'ValueType'], required: [['Name']] },
  SecurityGroup: { identifiers: ['DistinguishedName', 'SID', 'ObjectGuid'], required: [['DistinguishedName'], ['SID'], ['ObjectGuid']] },
  SubmissionMail: {
    identifiers: ['NetworkMessageId', 'Timestamp', 'Recipient', 'Sender', 'SenderIp', 'Subject', 'ReportType', 'SubmissionId', 'SubmissionDate', 'Submitter'],
    required: [['SubmissionId'], ['NetworkMessageId'], ['Recipient'], ['Submitter']],
  },
  URL: { identifiers: ['Url'], required: [['Url']] },
};

export const LIMITS = {
  /** [schedule] "The allowed range for both of these parameters is from 5 minutes to 14 days." */
  scheduleMin: 5 * MINUTE,
  scheduleMax: 14 * DAY,
  /** [validator] FrequencyLimitationForLongPeriodQuery: a period ≥ 2 days needs a frequency ≥ 1 hour. */
  longPeriod: 2 * DAY,
  longPeriodMinFrequency: HOUR,
  /** [schedule] alert grouping time frame "anywhere between 5 minutes and 7 days". */
  lookbackMin: 5 * MINUTE,
  lookbackMax: 7 * DAY,
  /** [schedule] suppression: "up to 24 hours"; 5 minutes is the wizard's smallest step (the schedule's floor). */
  suppressionMin: 5 * MINUTE,
  suppressionMax: 24 * HOUR,
  /** [entities] map-data-fields-to-entities: "up to ten entity mappings", "up to three identifiers". */
  entityMappings: 10,
  identifiersPerMapping: 3,
  /** [details] "up to 20 custom details"; [validator] key ≤ 20 characters, value (a column name) ≤ 500. */
  customDetails: 20,
  customDetailKeyLength: 20,
  columnNameLength: 500,
  /** [validator] AlertDetailsOverride.cs. */
  displayNameFormatLength: 256,
  descriptionFormatLength: 5000,
  placeholders: 3,
  /** [validator] base model: name ≤ 256, description ≤ 5000; [schedule] query 1..10,000 characters. */
  nameLength: 256,
  descriptionLength: 5000,
  queryLength: 10000,
  /** [validator] ScheduledTemplateInternalModel.cs: triggerThreshold 0..10000. */
  triggerThresholdMax: 10000,
} as const;

/** [validator] custom detail keys start with a letter; column names with a letter or underscore; then [A-Za-z0-9_]. */
export const DETAIL_KEY = /^[a-zA-Z]+\w*$/;
export const COLUMN_NAME = /^[a-zA-Z_]+\w*$/;
export const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
