/**
 * loadTestFile(file): a rule test file → its rule and checked cases. Every problem is a TestFileError at file:line:
 * a field that is not part of the format, a table the schemas do not know, a column not in the table's schema, a
 * value that does not fit its column's type (the same checks `kqlwatch ingest` makes, ingest/column-value.ts), an
 * unreadable data file or rule. Line numbers come from the `yaml` package's LineCounter; rows read from NDJSON or CSV
 * files name that file and its line.
 *
 * The format (docs/decisions/0006-rule-tests-and-backtest.md):
 *   rule: 002-….yaml                       # relative to the test file
 *   cases:
 *     - name: …
 *       known: …                           # optional: why this is the rule's known miss/misfire
 *       now: 2026-05-01T12:00:00Z          # or runs: [ISO, {at: ISO}, {close: 1, classification: …}, …]
 *       tables:
 *         SigninLogs: [ {Column: value, …}, … ]      # inline rows
 *         AADNonInteractiveUserSignInLogs: { file: tests/002/ni.ndjson }   # or files: [...]; .ndjson/.jsonl/.csv
 *       expect:
 *         alerts: 0 | [ {title, description, severity, entities: [{type, Identifier: value}], customDetails, evidence} ]
 *         incidents: N | [ {alerts: [1, 2], status, title, severity} ]
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { columnValue, Rejected } from '../ingest/column-value.js';
import { DuckDBTimestampNanosecondsValue } from '@duckdb/node-api';
import type { Column } from '../kql/plan/types.js';
import type { Catalog } from '../kql/syntax/catalog.js';
import { loadRuleFile } from '../rules/load-rules.js';
import type { Rule, SourceLocation } from '../rules/model.js';
import { csvRows } from '../store/csv-rows.js';
import { defaultCatalog } from '../store/schemas.js';
import type { RowValue } from '../scheduler/sql-rows.js';
import { parseDatetime } from '../kql/format/parse-datetime.js';
import {
  TestFileError, type ExpectedAlert, type ExpectedEntity, type ExpectedIncident, type Expectation, type RunStep,
  type TableInput, type TestCase, type TestFile,
} from './model.js';

export interface LoadTestOptions {
  readonly catalog?: Catalog;
}

/** A parsed test file kept with its YAML document, so --update can write expectations back with comments intact. */
export interface ParsedTestFile extends TestFile {
  readonly document: Document;
  readonly text: string;
}

const FILE_KEYS = new Set(['rule', 'cases']);
const CASE_KEYS = new Set(['name', 'known', 'now', 'runs', 'tables', 'expect']);
const EXPECT_KEYS = new Set(['alerts', 'incidents']);
const ALERT_KEYS = new Set(['title', 'description', 'severity', 'entities', 'customDetails', 'evidence']);
const INCIDENT_KEYS = new Set(['alerts', 'status', 'title', 'severity']);
const CLASSIFICATIONS = new Set(['TruePositive', 'BenignPositive', 'FalsePositive', 'Undetermined']);

/** Rules are loaded once per process however many test files name them. */
const ruleCache = new Map<string, Rule>();

export function loadTestFile(file: string, options: LoadTestOptions = {}): ParsedTestFile {
  const catalog = options.catalog ?? defaultCatalog();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TestFileError({ file, line: 1 }, `cannot read the file: ${(e as Error).message}`);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const at = (node: Node | null | undefined): SourceLocation => {
    const offset = node?.range?.[0] ?? 0;
    const p = lc.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new TestFileError({ file, line: lc.linePos(e.pos[0]).line }, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new TestFileError({ file, line: 1 }, 'a test file is a map with `rule` and `cases`');
  checkKeys(root, FILE_KEYS, 'test file', at);
  const ruleNode = root.get('rule', true) as Node | undefined;
  if (!isScalar(ruleNode) || typeof ruleNode.value !== 'string') throw new TestFileError(at(ruleNode ?? root), '`rule` must name the rule file, relative to the test file');
  const rule = loadRule(resolve(dirname(file), ruleNode.value), at(ruleNode));
  const casesNode = root.get('cases', true) as Node | undefined;
  if (!isSeq(casesNode) || casesNode.items.length === 0) throw new TestFileError(at(casesNode ?? root), '`cases` must be a list of at least one case');
  const cases: TestCase[] = [];
  const names = new Set<string>();
  casesNode.items.forEach((item, index) => {
    const c = parseCase(item as Node, index, { file, at, catalog, dir: dirname(file) });
    if (names.has(c.name)) throw new TestFileError(c.location, `two cases are named '${c.name}'`);
    names.add(c.name);
    cases.push(c);
  });
  return { file, rule, cases, document: doc, text };
}

function loadRule(path: string, where: SourceLocation): Rule {
  const cached = ruleCache.get(path);
  if (cached) return cached;
  const loaded = loadRuleFile(path);
  const err = loaded.issues.find((i) => i.severity === 'error');
  if (err) throw new TestFileError(where, `the rule cannot be loaded: ${err.location.file}:${err.location.line}: ${err.message}`);
  const first = loaded.rules[0];
  if (!first) throw new TestFileError(where, `no rule in ${path}`);
  const ruleErr = first.issues.find((i) => i.severity === 'error');
  if (ruleErr) throw new TestFileError(where, `the rule has an error: ${ruleErr.location.file}:${ruleErr.location.line}: ${ruleErr.message}`);
  ruleCache.set(path, first.rule);
  return first.rule;
}

interface Ctx {
  readonly file: string;
  readonly dir: string;
  readonly catalog: Catalog;
  at(node: Node | null | undefined): SourceLocation;
}

function checkKeys(map: YAMLMap, allowed: ReadonlySet<string>, what: string, at: Ctx['at']): void {
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.has(k)) throw new TestFileError(at(pair.key as Node), `unknown field '${k}' in a ${what} (allowed: ${[...allowed].join(', ')})`);
  }
}

function parseCase(node: Node, index: number, ctx: Ctx): TestCase {
  if (!isMap(node)) throw new TestFileError(ctx.at(node), 'a case is a map with name, now or runs, tables and expect');
  checkKeys(node, CASE_KEYS, 'case', ctx.at);
  const location = ctx.at(node);
  const name = scalarString(node.get('name', true) as Node | undefined, 'name', location);
  const knownNode = node.get('known', true) as Node | undefined;
  const known = knownNode === undefined ? undefined : scalarString(knownNode, 'known', location);
  const nowNode = node.get('now', true) as Node | undefined;
  const runsNode = node.get('runs', true) as Node | undefined;
  if ((nowNode === undefined) === (runsNode === undefined)) throw new TestFileError(location, `case '${name}': give the clock with either \`now\` or \`runs\``);
  const steps: RunStep[] = nowNode !== undefined
    ? [{ kind: 'run', at: time(nowNode, 'now', ctx), location: ctx.at(nowNode) }]
    : parseRuns(runsNode!, ctx);
  const tablesNode = node.get('tables', true) as Node | undefined;
  const tables = tablesNode === undefined ? [] : parseTables(tablesNode, ctx);
  const expectNode = node.get('expect', true) as Node | undefined;
  const expect = expectNode === undefined || (isScalar(expectNode) && expectNode.value === null) ? undefined : parseExpect(expectNode, ctx);
  return { name, steps, tables, location, index, ...(known !== undefined ? { known } : {}), ...(expect ? { expect } : {}) };
}

function scalarString(node: Node | undefined, field: string, where: SourceLocation): string {
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) throw new TestFileError(where, `\`${field}\` must be text`);
  return String(node.value);
}

function time(node: Node, field: string, ctx: Ctx): Date {
  const v = isScalar(node) ? node.value : undefined;
  const ns = typeof v === 'string' ? parseDatetime(v) : undefined;
  if (ns === undefined) throw new TestFileError(ctx.at(node), `\`${field}\` must be an ISO 8601 UTC time such as 2026-05-01T12:00:00Z`);
  return new Date(Number(ns / 1_000_000n));
}

function parseRuns(node: Node, ctx: Ctx): RunStep[] {
  if (!isSeq(node) || node.items.length === 0) throw new TestFileError(ctx.at(node), '`runs` must be a list of run times (ISO) or {at: ISO} / {close: N} steps');
  const steps: RunStep[] = [];
  for (const item of node.items as Node[]) {
    if (isScalar(item)) {
      steps.push({ kind: 'run', at: time(item, 'runs', ctx), location: ctx.at(item) });
      continue;
    }
    if (!isMap(item)) throw new TestFileError(ctx.at(item), 'a run step is an ISO time, {at: ISO} or {close: N, classification: …}');
    checkKeys(item, new Set(['at', 'close', 'classification']), 'run step', ctx.at);
    const atNode = item.get('at', true) as Node | undefined;
    const closeNode = item.get('close', true) as Node | undefined;
    if (atNode !== undefined && closeNode === undefined) {
      steps.push({ kind: 'run', at: time(atNode, 'at', ctx), location: ctx.at(atNode) });
    } else if (closeNode !== undefined && atNode === undefined) {
      const n = isScalar(closeNode) ? closeNode.value : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new TestFileError(ctx.at(closeNode), '`close` takes an incident number (1 is the case\'s first incident)');
      const clsNode = item.get('classification', true) as Node | undefined;
      const classification = clsNode === undefined ? 'TruePositive' : scalarString(clsNode, 'classification', ctx.at(clsNode));
      if (!CLASSIFICATIONS.has(classification)) throw new TestFileError(ctx.at(clsNode), `classification must be one of ${[...CLASSIFICATIONS].join(', ')}`);
      steps.push({ kind: 'close', incident: n, classification, location: ctx.at(closeNode) });
    } else {
      throw new TestFileError(ctx.at(item), 'a run step has either `at` or `close`');
    }
  }
  if (!steps.some((s) => s.kind === 'run')) throw new TestFileError(ctx.at(node), '`runs` must run the rule at least once');
  return steps;
}

function parseTables(node: Node, ctx: Ctx): TableInput[] {
  if (!isMap(node)) throw new TestFileError(ctx.at(node), '`tables` maps table names to rows (a list) or to {file: …}');
  const out: TableInput[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    const schema = ctx.catalog.tables.get(name);
    if (!schema) {
      const same = [...ctx.catalog.tables.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
      throw new TestFileError(ctx.at(keyNode), `unknown table '${name}'${same ? ` (table names are case-sensitive: did you mean '${same}'?)` : ''}`);
    }
    const columns = schema.columns;
    const value = pair.value as Node | null;
    const rows: Record<string, RowValue>[] = [];
    if (isSeq(value)) {
      for (const item of value.items as Node[]) {
        if (!isMap(item)) throw new TestFileError(ctx.at(item), `a row of ${name} is a map of column: value`);
        const raw: Record<string, unknown> = {};
        const lines: Record<string, SourceLocation> = {};
        for (const p of item.items) {
          const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
          raw[k] = isScalar(p.value) ? p.value.value : (p.value as Node | null)?.toJSON() ?? null;
          lines[k] = ctx.at((p.value as Node | null) ?? (p.key as Node));
        }
        rows.push(typedRow(raw, name, columns, (k) => lines[k] ?? ctx.at(item)));
      }
    } else if (isMap(value)) {
      checkKeys(value, new Set(['file', 'files']), 'table source', ctx.at);
      const f = value.get('file', true) as Node | undefined;
      const fs = value.get('files', true) as Node | undefined;
      const list: Node[] = f !== undefined ? [f] : isSeq(fs) ? (fs.items as Node[]) : [];
      if (list.length === 0) throw new TestFileError(ctx.at(value), '`file: PATH` or `files: [PATH, …]` (relative to the test file)');
      for (const n of list) rows.push(...readDataFile(n, name, columns, ctx));
    } else if (value !== null && !(isScalar(value) && value.value === null)) {
      throw new TestFileError(ctx.at(value), `rows of ${name}: a list of rows or {file: PATH}`);
    }
    out.push({ table: name, columns, rows });
  }
  return out;
}

function readDataFile(node: Node, table: string, columns: readonly Column[], ctx: Ctx): Record<string, RowValue>[] {
  const rel = isScalar(node) ? String(node.value) : '';
  const path = resolve(ctx.dir, rel);
  const shown = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TestFileError(ctx.at(node), `cannot read data file '${rel}': ${(e as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: Record<string, RowValue>[] = [];
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    const all = csvRows(text);
    const header = all[0] ?? [];
    // Line numbers count records; quoted fields with line breaks would shift them (test data seldom has any).
    all.slice(1).forEach((fields, i) => {
      if (fields.length === 1 && fields[0] === '') return;
      const raw: Record<string, unknown> = {};
      header.forEach((h, j) => (raw[h] = fields[j] ?? ''));
      rows.push(typedRow(raw, table, columns, () => ({ file: shown, line: i + 2 })));
    });
  } else if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') {
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        throw new TestFileError({ file: shown, line: i + 1 }, `not a JSON object: ${(e as Error).message}`);
      }
      if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) throw new TestFileError({ file: shown, line: i + 1 }, 'each line must be one JSON object (a row)');
      rows.push(typedRow(rec as Record<string, unknown>, table, columns, () => ({ file: shown, line: i + 1 })));
    });
  } else {
    throw new TestFileError(ctx.at(node), `data files are .ndjson, .jsonl or .csv, not '${rel}'`);
  }
  return rows;
}

/** A row of raw values → values of the table's column types; unknown columns and misfit values are errors. */
function typedRow(raw: Record<string, unknown>, table: string, columns: readonly Column[], where: (column: string) => SourceLocation): Record<string, RowValue> {
  const out: Record<string, RowValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    const col = columns.find((c) => c.name === k);
    if (!col) {
      const same = columns.find((c) => c.name.toLowerCase() === k.toLowerCase());
      throw new TestFileError(where(k), `column '${k}' is not in the schema of ${table}${same ? ` (did you mean '${same.name}'?)` : ''}`);
    }
    const value = columnValue[col.type](v instanceof Date ? v.toISOString() : v);
    if (value instanceof Rejected) {
      const quote = col.type === 'string' && (typeof v === 'number' || typeof v === 'boolean') ? ` (write it in quotes: "${String(v)}")` : '';
      throw new TestFileError(where(k), `${table}.${k} is ${col.type}: ${JSON.stringify(v)} is not a ${col.type}${value.hint}${quote}`);
    }
    out[k] = toRowValue(value);
  }
  return out;
}

function toRowValue(v: unknown): RowValue {
  if (v instanceof DuckDBTimestampNanosecondsValue) return v.nanos;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  return String(v);
}

function parseExpect(node: Node, ctx: Ctx): Expectation {
  if (!isMap(node)) throw new TestFileError(ctx.at(node), '`expect` is a map with `alerts` and optionally `incidents`');
  checkKeys(node, EXPECT_KEYS, 'expectation', ctx.at);
  const alertsNode = node.get('alerts', true) as Node | undefined;
  if (alertsNode === undefined) throw new TestFileError(ctx.at(node), '`expect` must say `alerts`: a count (0 for none) or a list of alerts');
  let alertCount: number;
  let alerts: ExpectedAlert[] | undefined;
  if (isScalar(alertsNode) && typeof alertsNode.value === 'number') {
    alertCount = count(alertsNode, 'alerts', ctx);
  } else if (isSeq(alertsNode)) {
    alerts = (alertsNode.items as Node[]).map((n) => parseAlert(n, ctx));
    alertCount = alerts.length;
  } else {
    throw new TestFileError(ctx.at(alertsNode), '`alerts` is a count (0 for none) or a list of alerts');
  }
  const incNode = node.get('incidents', true) as Node | undefined;
  let incidentCount: number | undefined;
  let incidents: ExpectedIncident[] | undefined;
  if (incNode !== undefined) {
    if (isScalar(incNode) && typeof incNode.value === 'number') incidentCount = count(incNode, 'incidents', ctx);
    else if (isSeq(incNode)) {
      incidents = (incNode.items as Node[]).map((n) => parseIncident(n, ctx));
      incidentCount = incidents.length;
    } else throw new TestFileError(ctx.at(incNode), '`incidents` is a count or a list of incidents');
  }
  return {
    alertCount, ...(alerts ? { alerts } : {}), ...(incidentCount !== undefined ? { incidentCount } : {}), ...(incidents ? { incidents } : {}),
  };
}

function count(node: Node, field: string, ctx: Ctx): number {
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new TestFileError(ctx.at(node), `\`${field}\` must be a whole number`);
  return v;
}

function parseAlert(node: Node, ctx: Ctx): ExpectedAlert {
  if (!isMap(node)) throw new TestFileError(ctx.at(node), 'an expected alert is a map (title, description, severity, entities, customDetails, evidence); {} checks only that it exists');
  checkKeys(node, ALERT_KEYS, 'expected alert', ctx.at);
  const location = ctx.at(node);
  const str = (k: string) => {
    const n = node.get(k, true) as Node | undefined;
    return n === undefined ? undefined : scalarString(n, k, ctx.at(n));
  };
  const out: { -readonly [K in keyof ExpectedAlert]: ExpectedAlert[K] } = { location };
  const title = str('title');
  const description = str('description');
  const severity = str('severity');
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  if (severity !== undefined) out.severity = severity;
  const evNode = node.get('evidence', true) as Node | undefined;
  if (evNode !== undefined) out.evidence = count(evNode, 'evidence', ctx);
  const entNode = node.get('entities', true) as Node | undefined;
  if (entNode !== undefined) {
    if (!isSeq(entNode)) throw new TestFileError(ctx.at(entNode), '`entities` is a list of {type: Account, Identifier: value, …}');
    out.entities = (entNode.items as Node[]).map((n): ExpectedEntity => {
      const obj = (n as Node).toJSON() as unknown;
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || typeof (obj as Record<string, unknown>).type !== 'string') {
        throw new TestFileError(ctx.at(n), 'an entity is {type: Account, Identifier: value, …}');
      }
      const { type, ...ids } = obj as Record<string, unknown>;
      return { type: String(type), identifiers: Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, String(v)])) };
    });
  }
  const cdNode = node.get('customDetails', true) as Node | undefined;
  if (cdNode !== undefined) {
    const obj = cdNode.toJSON() as unknown;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new TestFileError(ctx.at(cdNode), '`customDetails` maps each key to its list of values');
    out.customDetails = Object.fromEntries(Object.entries(obj as Record<string, unknown>).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)]));
  }
  return out;
}

function parseIncident(node: Node, ctx: Ctx): ExpectedIncident {
  if (!isMap(node)) throw new TestFileError(ctx.at(node), 'an expected incident is a map (alerts, status, title, severity)');
  checkKeys(node, INCIDENT_KEYS, 'expected incident', ctx.at);
  const out: { -readonly [K in keyof ExpectedIncident]: ExpectedIncident[K] } = { location: ctx.at(node) };
  for (const k of ['status', 'title', 'severity'] as const) {
    const n = node.get(k, true) as Node | undefined;
    if (n !== undefined) out[k] = scalarString(n, k, ctx.at(n));
  }
  const a = node.get('alerts', true) as Node | undefined;
  if (a !== undefined) {
    const v = a.toJSON() as unknown;
    if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x >= 1)) throw new TestFileError(ctx.at(a), '`alerts` lists the positions of the case\'s alerts (1 is the first alert)');
    out.alerts = v as number[];
  }
  return out;
}
