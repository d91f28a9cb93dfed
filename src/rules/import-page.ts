/**
 * importRulePage(text, file): a rule page copied from the web — prose and tables around it, the query sometimes
 * shown before the YAML, the YAML's indentation often lost — back into rule fields and clean YAML. The YAML is
 * rebuilt from the rule schema (which key belongs under which parent), not from indentation: a `key:` line attaches
 * to the innermost open map that has that key and has not set it yet, `- ` lines to the innermost list whose items
 * fit, and description/query block scalars run until a line that is such a key. The YAML ends at the first line
 * that fits nowhere (prose). Fields the page lacks are chosen by a stated policy (RULE107 notes) or reported as
 * not recoverable (errors). See docs/decisions/0002-rules-validation-and-import.md.
 */
import { parse as parseYamlValue } from 'yaml';
import { DURATION, formatDuration } from './duration.js';
import { issue } from './issues.js';
import type { RuleIssue } from './model.js';
import { queryLookback } from './query-lookback.js';
import { LIMITS } from './sentinel-schema.js';
import { writeRuleYaml } from './write-rule-yaml.js';

type Shape =
  | { readonly t: 'scalar' }
  | { readonly t: 'map'; readonly fields: Readonly<Record<string, Shape>> }
  /** A map with free keys and scalar values (customDetails). */
  | { readonly t: 'free' }
  | { readonly t: 'list'; readonly item: Shape };

const S: Shape = { t: 'scalar' };
const map = (fields: Record<string, Shape>): Shape => ({ t: 'map', fields });
const list = (item: Shape): Shape => ({ t: 'list', item });

/** The rule file schema (Azure-Sentinel repository), as far as the importer needs it to re-nest flattened lines. */
export const RULE_SHAPE = map({
  id: S, name: S, version: S, kind: S, description: S, severity: S, status: S, enabled: S,
  requiredDataConnectors: list(map({ connectorId: S, dataTypes: list(S) })),
  queryFrequency: S, queryPeriod: S, triggerOperator: S, triggerThreshold: S,
  tactics: list(S), relevantTechniques: list(S), tags: list(S), query: S,
  entityMappings: list(map({ entityType: S, fieldMappings: list(map({ identifier: S, columnName: S })) })),
  customDetails: { t: 'free' },
  alertDetailsOverride: map({
    alertDisplayNameFormat: S, alertDescriptionFormat: S, alertSeverityColumnName: S, alertTacticsColumnName: S,
    alertDynamicProperties: list(map({ alertProperty: S, value: S })),
  }),
  incidentConfiguration: map({
    createIncident: S,
    groupingConfiguration: map({
      enabled: S, reopenClosedIncident: S, lookbackDuration: S, matchingMethod: S,
      groupByEntities: list(S), groupByAlertDetails: list(S), groupByCustomDetails: list(S),
    }),
  }),
  eventGroupingSettings: map({ aggregationKind: S }),
  suppressionEnabled: S, suppressionDuration: S,
  metadata: map({
    source: map({ kind: S }), author: map({ name: S }), support: map({ tier: S }),
    categories: map({ domains: list(S), verticals: list(S) }),
  }),
});

export interface PageImport {
  /** The rule's fields, when a rule was recovered. */
  readonly fields?: Record<string, unknown>;
  /** Clean rule YAML, when a rule was recovered. */
  readonly yaml?: string;
  /** What was chosen (warnings) and what could not be recovered (errors), with page lines. */
  readonly issues: readonly RuleIssue[];
}

interface Frame {
  readonly shape: Shape;
  readonly value: Record<string, unknown> | unknown[];
}

interface Block {
  readonly target: Record<string, unknown>;
  readonly key: string;
  readonly header: string;
  readonly indent: number;
  readonly lines: string[];
}

const KEY_LINE = /^([A-Za-z_]\w*):(?:[ \t]+(.*?))?[ \t]*$/;
const ITEM_LINE = /^-(?:[ \t]+(.*?))?[ \t]*$/;
const START_LINE = /^[ \t]*(id|name):[ \t]+\S/;

export function importRulePage(text: string, file: string): PageImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const issues: RuleIssue[] = [];
  const at = (line: number) => ({ file, line });
  const start = lines.findIndex((l) => START_LINE.test(l));
  if (start < 0) {
    return { issues: [issue('error', 'RULE001', `no rule YAML found: expected a line 'id: <guid>' or 'name: <rule name>' starting the rule`, at(1))] };
  }

  const fields: Record<string, unknown> = {};
  const stack: Frame[] = [{ shape: RULE_SHAPE, value: fields }];
  let block: Block | undefined;
  let end = lines.length;

  /** The frame a `key:` line belongs to (index in the stack), or -1. */
  const frameFor = (key: string, scalarValue: boolean): number => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const { shape, value } = stack[i]!;
      if (shape.t === 'map' && key in shape.fields && !(key in (value as Record<string, unknown>))) return i;
      if (shape.t === 'free' && scalarValue && !(key in (value as Record<string, unknown>)) && !(key in rootShapeFields() && !(key in fields))) return i;
    }
    return -1;
  };
  const listFor = (item: string | undefined): number => {
    const key = item === undefined ? undefined : KEY_LINE.exec(item)?.[1];
    for (let i = stack.length - 1; i >= 0; i--) {
      const { shape } = stack[i]!;
      if (shape.t !== 'list') continue;
      if (key !== undefined && shape.item.t === 'map' && key in shape.item.fields) return i;
      if (key === undefined && shape.item.t === 'scalar') return i;
    }
    return -1;
  };
  const closeBlock = () => {
    if (!block) return;
    block.target[block.key] = blockValue(block);
    block = undefined;
  };
  const setKey = (frameIndex: number, key: string, raw: string | undefined, indent: number) => {
    stack.length = frameIndex + 1;
    const frame = stack[frameIndex]!;
    const target = frame.value as Record<string, unknown>;
    const shape = frame.shape.t === 'map' ? frame.shape.fields[key]! : S;
    if (raw === undefined || raw === '') {
      if (shape.t === 'map' || shape.t === 'free') {
        const child: Record<string, unknown> = {};
        target[key] = child;
        stack.push({ shape, value: child });
      } else if (shape.t === 'list') {
        const child: unknown[] = [];
        target[key] = child;
        stack.push({ shape, value: child });
      } else {
        target[key] = null;
      }
    } else if (/^[|>][-+]?\d*$/.test(raw)) {
      block = { target, key, header: raw, indent, lines: [] };
    } else {
      target[key] = scalar(raw);
    }
  };

  for (let i = start; i < lines.length; i++) {
    const raw = lines[i]!;
    const t = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (block) {
      const firstContent = block.lines.find((l) => l.trim() !== '');
      const indented = firstContent !== undefined && leading(firstContent) > block.indent;
      const ends = t !== '' && (indented
        ? indent <= block.indent
        : (() => { const m = KEY_LINE.exec(t); return m !== null && frameFor(m[1]!, !/^[|>]/.test(m[2] ?? '')) >= 0; })());
      if (!ends) {
        block.lines.push(raw);
        continue;
      }
      closeBlock();
    }
    if (t === '' || t.startsWith('#')) continue;
    const item = ITEM_LINE.exec(t);
    if (item) {
      const li = listFor(item[1]);
      if (li < 0) { end = i; break; }
      stack.length = li + 1;
      const frame = stack[li]!;
      const arr = frame.value as unknown[];
      const itemShape = (frame.shape as { item: Shape }).item;
      if (itemShape.t === 'map') {
        const obj: Record<string, unknown> = {};
        arr.push(obj);
        stack.push({ shape: itemShape, value: obj });
        const kv = KEY_LINE.exec(item[1]!)!;
        setKey(stack.length - 1, kv[1]!, kv[2], indent + 2);
      } else {
        arr.push(scalar(item[1] ?? ''));
      }
      continue;
    }
    const kv = KEY_LINE.exec(t);
    const fi = kv ? frameFor(kv[1]!, kv[2] !== undefined && kv[2] !== '' && !/^[|>]/.test(kv[2])) : -1;
    if (!kv || fi < 0) { end = i; break; }
    setKey(fi, kv[1]!, kv[2], indent);
  }
  closeBlock();

  const stopped = lines[end];
  if (stopped !== undefined && KEY_LINE.test(stopped.trim()) && /^(id|name|query|severity|description)$/.test(KEY_LINE.exec(stopped.trim())![1]!)) {
    issues.push(issue('warning', 'RULE012', `the rule YAML ends at line ${end + 1}: '${stopped.trim().slice(0, 60)}' repeats a field already read and is ignored`, at(end + 1)));
  }

  // The query may also be shown before the YAML ("KQL Query" / "Query" heading): use it when the YAML has none.
  const before = queryBefore(lines, start);
  if (typeof fields.query !== 'string' || fields.query.trim() === '') {
    if (before) {
      fields.query = before.text;
      issues.push(issue('warning', 'RULE107', `the YAML has no query: took the query shown before it (lines ${before.from + 1}-${before.to})`, at(before.from + 1), 'query'));
    }
  } else if (before && normalise(before.text) !== normalise(fields.query)) {
    issues.push(issue('warning', 'RULE107', `the query shown before the YAML (line ${before.from + 1}) differs from the YAML's query; the YAML's query is kept`, at(before.from + 1), 'query'));
  }

  for (const required of ['id', 'name', 'query'] as const) {
    if (fields[required] === undefined || fields[required] === null || fields[required] === '') {
      issues.push(issue('error', 'RULE002', `could not recover '${required}': the page does not give it`, at(start + 1), required));
    }
  }
  if (issues.some((x) => x.severity === 'error')) return { issues };

  fillMissing(fields, issues, at(start + 1));
  return { fields, yaml: writeRuleYaml(fields), issues };
}

/** Sentinel's defaults and kqlwatch's schedule policy for what a page leaves out, each reported. */
function fillMissing(fields: Record<string, unknown>, issues: RuleIssue[], where: { file: string; line: number }): void {
  const assume = (key: string, value: unknown, why: string) => {
    fields[key] = value;
    issues.push(issue('warning', 'RULE107', `'${key}' is not on the page: chose ${String(value)} (${why})`, where, key));
  };
  if (fields.kind === undefined) assume('kind', 'Scheduled', 'the kind of every rule with a schedule');
  if (fields.severity === undefined) assume('severity', 'Medium', "the analytics rule wizard's default severity");
  if (fields.kind === 'Scheduled' || fields.kind === 'scheduled') {
    if (fields.queryPeriod === undefined) {
      const lookback = queryLookback(String(fields.query));
      const ms = lookback ? Math.min(Math.max(lookback.ms, LIMITS.scheduleMin), LIMITS.scheduleMax) : 5 * DURATION.HOUR;
      assume('queryPeriod', formatDuration(ms), lookback
        ? `the query's own lookback, ago(${lookback.arg})${lookback.viaLet ? ` with ${lookback.arg} = ${formatDuration(lookback.ms)}` : ''}, so Sentinel's window and the query's filter agree`
        : "the wizard's default lookback; the query has no ago() to go by");
    }
    if (fields.queryFrequency === undefined) {
      const period = Number(/^(\d+)/.exec(String(fields.queryPeriod))?.[1]) ? parsePeriod(String(fields.queryPeriod)) : undefined;
      const ms = period === undefined ? DURATION.HOUR : Math.min(period, DURATION.HOUR);
      assume('queryFrequency', formatDuration(ms), 'hourly, or every queryPeriod when that is shorter: findings surface within the hour, and periods of 2 days or more need at least 1h');
    }
    if (fields.triggerOperator === undefined) assume('triggerOperator', 'gt', "Sentinel's default: alert when the query returns more than triggerThreshold rows");
    if (fields.triggerThreshold === undefined) assume('triggerThreshold', 0, "Sentinel's default: alert on any result");
  }
}

function parsePeriod(text: string): number | undefined {
  const m = /^(\d+)([mhd])$/.exec(text);
  return m ? Number(m[1]) * { m: DURATION.MINUTE, h: DURATION.HOUR, d: DURATION.DAY }[m[2] as 'm' | 'h' | 'd'] : undefined;
}

let rootFields: Readonly<Record<string, Shape>> | undefined;
function rootShapeFields(): Readonly<Record<string, Shape>> {
  rootFields ??= (RULE_SHAPE as { fields: Record<string, Shape> }).fields;
  return rootFields;
}

function leading(line: string): number {
  return line.length - line.trimStart().length;
}

/** A scalar as YAML reads it (quotes, flow lists, numbers, booleans), or the text itself when it does not parse. */
function scalar(raw: string): unknown {
  try {
    const v = parseYamlValue(raw) as unknown;
    return v === null ? null : v;
  } catch {
    return raw;
  }
}

/** A block scalar's text: common indentation removed, chomped as its header says (| clip, |- strip, |+ keep; > folds). */
function blockValue(b: Block): string {
  const body = [...b.lines];
  const content = body.filter((l) => l.trim() !== '');
  const indent = content.length === 0 ? 0 : Math.min(...content.map(leading));
  let out = body.map((l) => l.slice(Math.min(indent, leading(l)))).map((l) => l.replace(/[ \t]+$/, ''));
  if (b.header.startsWith('>')) out = out.join('\n').replace(/([^\n])\n(?=[^\n ])/g, '$1 ').split('\n');
  const text = out.join('\n');
  if (b.header.includes('+')) return text + '\n';
  const trimmed = text.replace(/\n+$/, '').replace(/\s+$/, '');
  return b.header.includes('-') ? trimmed : trimmed + '\n';
}

/** The query the page shows before the YAML, under a "KQL Query" or "Query" heading. */
function queryBefore(lines: readonly string[], start: number): { text: string; from: number; to: number } | undefined {
  for (let i = start - 1; i >= 0; i--) {
    if (/^\s*(KQL\s+)?Query\s*:?\s*$/i.test(lines[i]!)) {
      const body = lines.slice(i + 1, start);
      while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
      while (body.length > 0 && body[0]!.trim() === '') body.shift();
      if (body.length === 0) return undefined;
      const from = lines.indexOf(body[0]!, i + 1);
      return { text: body.join('\n') + '\n', from, to: from + body.length };
    }
  }
  return undefined;
}

function normalise(q: string): string {
  return q.split('\n').map((l) => l.trimEnd()).join('\n').trim();
}
