/**
 * STIX 2.1 `indicator` objects (from a bundle `{"type":"bundle","objects":[…]}` or one object per line) → both
 * threat-intelligence tables Sentinel rules read:
 * - ThreatIntelIndicators (the STIX table): Id, Pattern, ObservableKey/ObservableValue (the left and right side of
 *   the pattern's first comparison), Data (the whole object), Created, Modified, ValidFrom, ValidUntil,
 *   Confidence, Revoked, IsActive (not revoked), Tags (labels);
 * - ThreatIntelligenceIndicator (the legacy table): IndicatorId, the observable in its typed column (NetworkIP,
 *   NetworkCidrBlock, DomainName, Url, FileHashType/FileHashValue, EmailSenderAddress), ExpirationDateTime
 *   (valid_until), Active, ConfidenceScore, KillChain* from kill_chain_phases, TrafficLightProtocolLevel from
 *   the TLP marking definitions.
 * TimeGenerated is the ingestion time, as the table reference says ("The time of indicator ingestion").
 * Other STIX objects (identity, relationship, marking-definition, …) are not indicators and load nothing.
 * Spec: https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html §4.7 (Indicator), §9 (Patterning).
 */
import { isObject } from './map-properties.js';
import { reject, type Mapped, type MappedRow } from './mapped.js';

export interface StixContext {
  /** The ingestion time as ISO text: TimeGenerated of every indicator. */
  readonly now: string;
  /** Where the indicators come from (SourceSystem, Source, IndicatorProvider). */
  readonly source: string;
  /** Only this table when set (ThreatIntelIndicators or ThreatIntelligenceIndicator). */
  readonly table?: string;
}

export const TI_TABLES = ['ThreatIntelIndicators', 'ThreatIntelligenceIndicator'] as const;

/** The TLP 1.0 marking definitions of STIX 2.1 §7.2.1.4. */
const TLP: Readonly<Record<string, string>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'white',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

/** Lockheed Martin kill chain phase → legacy KillChain* column. */
const KILL_CHAIN: Readonly<Record<string, string>> = {
  reconnaissance: 'KillChainReconnaissance',
  weaponization: 'KillChainWeaponization',
  delivery: 'KillChainDelivery',
  exploitation: 'KillChainExploitation',
  'command-and-control': 'KillChainC2',
  'actions-on-objectives': 'KillChainActions',
};

const COMPARISON = /([a-z0-9-]+:[A-Za-z0-9_.\-]+(?:\.'[^']+')?)\s*=\s*'((?:[^'\\]|\\.)*)'/;

export function looksLikeStix(v: Record<string, unknown>): boolean {
  return typeof v.type === 'string' && typeof v.id === 'string' && /^[a-z0-9-]+--/.test(v.id);
}

export function mapStixObject(obj: unknown, ctx: StixContext): Mapped {
  if (!isObject(obj)) return reject(`expected a STIX object`);
  if (obj.type !== 'indicator') return { rows: [] };
  if (typeof obj.id !== 'string' || obj.id === '') return reject(`the indicator has no 'id'`);
  if (typeof obj.pattern !== 'string' || obj.pattern === '') return reject(`the indicator '${obj.id}' has no 'pattern'`);
  const m = obj.pattern_type === undefined || obj.pattern_type === 'stix' ? COMPARISON.exec(obj.pattern) : null;
  const key = m ? m[1]! : '';
  const value = m ? m[2]!.replace(/\\(.)/g, '$1') : '';
  const revoked = obj.revoked === true;
  const labels = Array.isArray(obj.labels) ? obj.labels.map(String) : [];
  const tags = labels.join(', ');
  const tlp = Array.isArray(obj.object_marking_refs) ? obj.object_marking_refs.map((r) => TLP[String(r)]).find(Boolean) : undefined;
  const rows: MappedRow[] = [];
  if (!ctx.table || ctx.table === 'ThreatIntelIndicators') {
    rows.push({
      table: 'ThreatIntelIndicators',
      policy: 'source',
      row: {
        TimeGenerated: ctx.now,
        Id: obj.id,
        Pattern: obj.pattern,
        ObservableKey: key,
        ObservableValue: value,
        Data: obj,
        Created: obj.created,
        Modified: obj.modified,
        ValidFrom: obj.valid_from,
        ValidUntil: obj.valid_until,
        Confidence: obj.confidence,
        Revoked: revoked,
        IsActive: !revoked,
        IsDeleted: false,
        Tags: tags,
        AdditionalFields: { TLPLevel: tlp, indicator_types: obj.indicator_types, kill_chain_phases: obj.kill_chain_phases, name: obj.name },
        LastUpdateMethod: 'kqlwatch',
        SourceSystem: ctx.source,
        Source: ctx.source,
      },
    });
  }
  if (!ctx.table || ctx.table === 'ThreatIntelligenceIndicator') {
    const row: Record<string, unknown> = {
      TimeGenerated: ctx.now,
      IndicatorId: obj.id,
      ExternalIndicatorId: obj.id,
      Description: obj.description ?? obj.name ?? '',
      ConfidenceScore: obj.confidence,
      ExpirationDateTime: obj.valid_until,
      Active: !revoked,
      Action: 'alert',
      Tags: tags,
      ThreatType: Array.isArray(obj.indicator_types) ? obj.indicator_types.join(', ') : '',
      TrafficLightProtocolLevel: tlp ?? '',
      IndicatorProvider: ctx.source,
      SourceSystem: ctx.source,
      ...observableColumns(key, value),
    };
    if (Array.isArray(obj.kill_chain_phases)) {
      for (const p of obj.kill_chain_phases) {
        const column = isObject(p) ? KILL_CHAIN[String(p.phase_name)] : undefined;
        if (column) row[column] = true;
      }
    }
    rows.push({ table: 'ThreatIntelligenceIndicator', policy: 'source', row });
  }
  return { rows };
}

function observableColumns(key: string, value: string): Record<string, unknown> {
  switch (key) {
    case 'ipv4-addr:value':
    case 'ipv6-addr:value':
      return value.includes('/') && !/\/(32|128)$/.test(value) ? { NetworkCidrBlock: value } : { NetworkIP: value.replace(/\/(32|128)$/, '') };
    case 'domain-name:value':
      return { DomainName: value };
    case 'url:value':
      return { Url: value };
    case 'email-addr:value':
      return { EmailSenderAddress: value };
    case 'user-agent:value':
      return { UserAgent: value };
    default: {
      const hash = /^file:hashes\.'?([A-Za-z0-9-]+)'?$/.exec(key);
      if (hash) return { FileHashType: hash[1]!.replace('-', '').toUpperCase(), FileHashValue: value };
      return {};
    }
  }
}
