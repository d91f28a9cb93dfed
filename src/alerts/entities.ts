/**
 * Entities of an alert from the rule's entityMappings (learn.microsoft.com/azure/sentinel/map-data-fields-to-entities,
 * …/entities-reference): each mapping turns every result row into an entity of its type with the identifiers whose
 * values are not empty; a row with no identifier left gives no entity; the same entity from several rows (or
 * mappings) is one entity. Limits as documented: at most 500 entities per alert, divided equally among the
 * mappings; an Account mapped by Name whose name is a generic built-in account (ADMIN, SYSTEM, …) is dropped.
 * FullName (kept "for backward compatibility") is split as Sentinel's schema has it: user@suffix → Name +
 * UPNSuffix, DOMAIN\user → NTDomain + Name; host.domain → HostName + DnsDomain.
 */
import type { Cell } from '../kql/engine-types.js';
import type { Column } from '../kql/plan/types.js';
import type { EntityMapping } from '../rules/model.js';
import { isEmptyValue, renderValue } from './render-value.js';

export const MAX_ENTITIES_PER_ALERT = 500;

/** entities-reference: Account names that are dropped when the mapping uses the Name identifier. */
export const GENERIC_ACCOUNT_NAMES: ReadonlySet<string> = new Set([
  'ADMIN', 'ADMINISTRATOR', 'SYSTEM', 'ROOT', 'ANONYMOUS', 'AUTHENTICATED USER', 'NETWORK', 'NULL', 'LOCAL SYSTEM',
  'LOCALSYSTEM', 'NETWORK SERVICE',
]);

/** The entity's `Type` in the stored Entities JSON (entities-reference schemas). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  Account: 'account', Host: 'host', IP: 'ip', URL: 'url', FileHash: 'filehash', File: 'file', Process: 'process',
  CloudApplication: 'cloud-application', DNS: 'dns', AzureResource: 'azure-resource', Malware: 'malware',
  RegistryKey: 'registry-key', RegistryValue: 'registry-value', SecurityGroup: 'security-group', Mailbox: 'mailbox',
  MailCluster: 'mail-cluster', MailMessage: 'mail-message', SubmissionMail: 'submission-mail', IoTDevice: 'iotdevice',
};

export interface AlertEntity {
  /** The mapping's entityType (Account, IP, …). */
  readonly entityType: string;
  /** Identifier → value, in mapping order (after FullName is split). */
  readonly identifiers: Readonly<Record<string, string>>;
  /** Identity for merging and grouping: type plus the sorted identifiers. */
  readonly key: string;
}

export interface EntityExtraction {
  readonly entities: AlertEntity[];
  readonly dropped: number;
  readonly notes: string[];
}

export function entityKey(entityType: string, identifiers: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(identifiers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([entityType, ...pairs]);
}

/** Identifiers of one mapping from one row; undefined when nothing is left. */
function identifiersOf(mapping: EntityMapping, columns: readonly Column[], row: readonly Cell[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const fm of mapping.fieldMappings) {
    const i = columns.findIndex((c) => c.name === fm.columnName);
    if (i < 0) continue;
    const text = renderValue(row[i], columns[i]!.type).trim();
    if (isEmptyValue(text)) continue;
    if (fm.identifier === 'FullName') Object.assign(out, splitFullName(mapping.entityType, text));
    else out[fm.identifier] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function splitFullName(entityType: string, text: string): Record<string, string> {
  if (entityType === 'Account') {
    const at = text.lastIndexOf('@');
    if (at > 0 && at < text.length - 1) return { Name: text.slice(0, at), UPNSuffix: text.slice(at + 1) };
    const bs = text.indexOf('\\');
    if (bs > 0 && bs < text.length - 1) return { NTDomain: text.slice(0, bs), Name: text.slice(bs + 1) };
    return { Name: text };
  }
  if (entityType === 'Host') {
    const dot = text.indexOf('.');
    if (dot > 0 && dot < text.length - 1 && !/^\d+(\.\d+){3}$/.test(text)) return { HostName: text.slice(0, dot), DnsDomain: text.slice(dot + 1) };
    return { HostName: text };
  }
  return { FullName: text };
}

export function extractEntities(
  mappings: readonly EntityMapping[],
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
): EntityExtraction {
  const byKey = new Map<string, AlertEntity>();
  const perMapping = mappings.length > 0 ? Math.floor(MAX_ENTITIES_PER_ALERT / mappings.length) : 0;
  let dropped = 0;
  let generic = 0;
  let overLimit = 0;
  mappings.forEach((mapping) => {
    const mine = new Set<string>();
    const usesName = mapping.fieldMappings.some((f) => f.identifier === 'Name');
    for (const row of rows) {
      const ids = identifiersOf(mapping, columns, row);
      if (!ids) continue;
      if (mapping.entityType === 'Account' && usesName && ids.Name !== undefined && GENERIC_ACCOUNT_NAMES.has(ids.Name.toUpperCase())) {
        dropped++;
        generic++;
        continue;
      }
      const key = entityKey(mapping.entityType, ids);
      if (mine.has(key)) continue;
      if (mine.size >= perMapping) {
        dropped++;
        overLimit++;
        continue;
      }
      mine.add(key);
      if (!byKey.has(key)) byKey.set(key, { entityType: mapping.entityType, identifiers: ids, key });
    }
  });
  const notes: string[] = [];
  if (overLimit > 0) notes.push(`${overLimit} entities over the limit of ${MAX_ENTITIES_PER_ALERT} per alert (${perMapping} per mapping) were dropped`);
  if (generic > 0) notes.push(`${generic} generic account names were dropped from the Account entities`);
  return { entities: [...byKey.values()], dropped, notes };
}

/** The `Entities` column: a JSON array as Sentinel stores it, `$id` references numbered from 2. */
export function entitiesJson(entities: readonly AlertEntity[]): string {
  return JSON.stringify(
    entities.map((e, i) => ({ $id: String(i + 2), ...e.identifiers, Type: TYPE_NAMES[e.entityType] ?? e.entityType.toLowerCase() })),
  );
}
