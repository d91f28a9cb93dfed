/**
 * A CSV list of indicators (one per row: an IP address, CIDR block, domain, URL or file hash, with optional tags
 * and validity) → a STIX 2.1 indicator, which stix-bundle.ts maps to the threat-intelligence tables, so both
 * inputs give the same rows. Headers are matched without regard to case, spaces, dashes or underscores:
 *   value:        ip | ipaddress | networkip | indicator | observable | value | domain | url | hash
 *   tags:         tags | tag | labels        (separated by ';' or '|', or ',' inside one field)
 *   valid from:   validfrom | firstseen | from | created
 *   valid until:  validuntil | expiration | expirationdatetime | expires | until
 *   other:        confidence, description, threattype | type, revoked
 * The indicator id is derived from the value and the validity, so the same list always gives the same ids.
 */
import { createHash } from 'node:crypto';
import { reject, type Mapped } from './mapped.js';
import { mapStixObject, type StixContext } from './stix-bundle.js';

const VALUE = ['ip', 'ipaddress', 'networkip', 'indicator', 'observable', 'value', 'domain', 'domainname', 'url', 'hash', 'filehash', 'filehashvalue'];
const TAGS = ['tags', 'tag', 'labels', 'label'];
const FROM = ['validfrom', 'firstseen', 'from', 'created'];
const UNTIL = ['validuntil', 'expiration', 'expirationdatetime', 'expires', 'until'];

const norm = (h: string) => h.toLowerCase().replace(/[\s_\-]/g, '');

/** True when a CSV header names an indicator value column (used by format detection). */
export function isTiCsvHeader(header: readonly string[]): boolean {
  const names = header.map(norm);
  return names.some((n) => VALUE.includes(n)) && !names.some((n) => n.startsWith('timegenerated'));
}

export function mapTiCsvRow(row: Record<string, string | null>, ctx: StixContext): Mapped {
  const get = (names: readonly string[]): string | undefined => {
    for (const k in row) if (names.includes(norm(k))) return (row[k] ?? '').trim();
    return undefined;
  };
  const value = get(VALUE);
  if (!value) return reject(`no indicator value (a column named ip, indicator, value, domain, url or hash)`);
  const pattern = stixPattern(value);
  if (!pattern) return reject(`'${value}' is not an IP address, CIDR block, domain, URL or MD5/SHA-1/SHA-256 hash`);
  const tagText = get(TAGS) ?? '';
  const labels = tagText.split(/[;|,]/).map((t) => t.trim()).filter(Boolean);
  const validFrom = get(FROM) || ctx.now;
  const validUntil = get(UNTIL) || undefined;
  const confidence = get(['confidence']);
  const id = 'indicator--' + uuidFrom(`${value}|${validFrom}|${validUntil ?? ''}`);
  return mapStixObject(
    {
      type: 'indicator',
      spec_version: '2.1',
      id,
      created: validFrom,
      modified: validFrom,
      pattern,
      pattern_type: 'stix',
      valid_from: validFrom,
      ...(validUntil ? { valid_until: validUntil } : {}),
      ...(labels.length ? { labels } : {}),
      ...(confidence ? { confidence: Number(confidence) } : {}),
      ...(get(['description']) ? { description: get(['description']) } : {}),
      ...(get(['threattype', 'type']) ? { indicator_types: [get(['threattype', 'type'])] } : {}),
      ...(/^(true|yes|1)$/i.test(get(['revoked']) ?? '') ? { revoked: true } : {}),
    },
    ctx,
  );
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-fA-F:]+:[0-9a-fA-F:.]*(\/\d{1,3})?$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

function stixPattern(v: string): string | undefined {
  const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const ip4 = IPV4.exec(v);
  if (ip4 && ip4.slice(1, 5).every((o) => +o! <= 255)) return `[ipv4-addr:value = '${v}']`;
  if (IPV6.test(v) && v.includes(':')) return `[ipv6-addr:value = '${v.toLowerCase()}']`;
  if (/^https?:\/\//i.test(v)) return `[url:value = '${q(v)}']`;
  if (/^[0-9a-fA-F]{32}$/.test(v)) return `[file:hashes.MD5 = '${v.toLowerCase()}']`;
  if (/^[0-9a-fA-F]{40}$/.test(v)) return `[file:hashes.'SHA-1' = '${v.toLowerCase()}']`;
  if (/^[0-9a-fA-F]{64}$/.test(v)) return `[file:hashes.'SHA-256' = '${v.toLowerCase()}']`;
  if (DOMAIN.test(v)) return `[domain-name:value = '${v.toLowerCase()}']`;
  return undefined;
}

/** A UUID (version 5 layout) from a name, so the same input gives the same id. */
export function uuidFrom(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
