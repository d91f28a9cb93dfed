/**
 * The five seed detections written in arquero (a columnar JS dataframe library): the JS-native peer a user could
 * pick instead of kqlwatch. The tables are loaded once from the bench store (DuckDB → columns; only the columns
 * the seeds read, every row) and kept in memory; the seeds then run on those tables alone, and their time is
 * what `npm run bench` compares. Each returns its rows in the engine's cell convention (datetime → bigint ns,
 * timespan and long → bigint, dynamic → JSON text) so the canonical comparison of run.ts applies.
 *
 * Representation choices, as a JS user would make them: datetimes are Float64 microseconds since the epoch
 * (exact to the µs; the store's nanoseconds below that are dropped, and the bench tenant has whole seconds);
 * strings are JS strings with null read as '' (Kusto strings are never null), repeated values interned at load;
 * dynamic columns are parsed JSON values; booleans stay nullable.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import * as aq from 'arquero';
import { op } from 'arquero';
import type { Cell } from '../kql/engine-types.js';

type Table = ReturnType<typeof aq.table>;
type Kind = 'string' | 'time' | 'bool' | 'dynamic';

/** The columns each seed reads, per table. */
const COLUMNS: Record<string, Record<string, Kind>> = {
  AADNonInteractiveUserSignInLogs: {
    TimeGenerated: 'time', UserPrincipalName: 'string', AppDisplayName: 'string', IPAddress: 'string', Location: 'string',
    ResultType: 'string', ConditionalAccessStatus: 'string', AuthenticationRequirement: 'string', CorrelationId: 'string',
    UniqueTokenIdentifier: 'string', AutonomousSystemNumber: 'string', SessionId: 'string',
  },
  SigninLogs: {
    TimeGenerated: 'time', UserPrincipalName: 'string', AppDisplayName: 'string', IPAddress: 'string', Location: 'string',
    ResultType: 'string', ConditionalAccessStatus: 'string', AuthenticationRequirement: 'string', CorrelationId: 'string',
    AutonomousSystemNumber: 'string',
  },
  ThreatIntelIndicators: { TimeGenerated: 'time', IsActive: 'bool', ValidUntil: 'time', Pattern: 'string', Tags: 'string' },
  AADRiskyUsers: { UserPrincipalName: 'string', RiskLevel: 'string', RiskState: 'string', RiskDetail: 'string' },
  AuditLogs: {
    TimeGenerated: 'time', Category: 'string', OperationName: 'string', Result: 'string', InitiatedBy: 'dynamic',
    TargetResources: 'dynamic',
  },
};

export interface ArqueroTenant {
  readonly tables: Readonly<Record<string, Table>>;
  /** Rows loaded over all tables. */
  readonly rows: number;
  /** Wall time of the load (DuckDB scan, conversion to columns, table construction). */
  readonly loadMs: number;
}

const INTERN_LIMIT = 1 << 16;

/** Reads the seed columns of every table out of DuckDB, chunk by chunk, into preallocated columns. */
export async function loadArqueroTenant(connection: DuckDBConnection): Promise<ArqueroTenant> {
  const t0 = performance.now();
  const tables: Record<string, Table> = {};
  let total = 0;
  for (const [name, cols] of Object.entries(COLUMNS)) {
    const names = Object.keys(cols);
    const kinds = names.map((c) => cols[c]!);
    const count = Number((await connection.runAndReadAll(`SELECT count(*) FROM "${name}"`)).getRowsJS()[0]![0]);
    // The store holds only the columns ever written (ADR 0011); the others are read as KQL reads them.
    const stored = new Set((await connection.runAndReadAll(
      `SELECT column_name FROM duckdb_columns() WHERE table_name = '${name}' AND schema_name = 'main'`)).getRowsJS().map((r) => String(r[0])));
    const select = names.map((c, j) => {
      const k = kinds[j];
      if (!stored.has(c)) return k === 'string' ? `''` : 'NULL';
      if (k === 'time') return `CAST(epoch_ns("${c}") // 1000 AS DOUBLE)`;
      if (k === 'dynamic') return `CAST("${c}" AS VARCHAR)`;
      return `"${c}"`;
    });
    const data: (Float64Array | unknown[])[] = kinds.map((k) => (k === 'time' ? new Float64Array(count) : new Array<unknown>(count)));
    const interns = kinds.map((k) => (k === 'string' ? new Map<string, string>() : undefined));
    const result = await connection.stream(`SELECT ${select.join(', ')} FROM "${name}"`);
    let at = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = Math.min(chunk.rowCount, count - at);
      for (let j = 0; j < kinds.length; j++) {
        const values = chunk.getColumnValues(j);
        const out = data[j]!;
        const k = kinds[j];
        if (k === 'time') {
          for (let i = 0; i < n; i++) { const v = values[i]; (out as Float64Array)[at + i] = v === null ? NaN : (v as number); }
        } else if (k === 'string') {
          let intern = interns[j];
          for (let i = 0; i < n; i++) {
            const v = values[i] === null ? '' : (values[i] as string);
            if (intern) {
              const seen = intern.get(v);
              if (seen !== undefined) { out[at + i] = seen; continue; }
              intern.set(v, v);
              if (intern.size > INTERN_LIMIT) { interns[j] = undefined; intern = undefined; }
            }
            out[at + i] = v;
          }
        } else if (k === 'dynamic') {
          for (let i = 0; i < n; i++) { const v = values[i]; out[at + i] = v === null ? null : JSON.parse(v as string); }
        } else {
          for (let i = 0; i < n; i++) out[at + i] = values[i];
        }
      }
      at += n;
    }
    if (at !== count) throw new Error(`${name}: read ${at} rows of ${count}`);
    tables[name] = aq.table(Object.fromEntries(names.map((c, j) => [c, data[j]!])));
    total += count;
  }
  return { tables, rows: total, loadMs: performance.now() - t0 };
}

// ── Kusto functions arquero has no single op for ────────────────────────────────────────────────────────────────

const termRegexes = new Map<string, RegExp>();

/** `s has term`: a whole-term, case-insensitive match (term boundaries only where the term starts/ends alphanumeric). */
function kqlHas(s: unknown, term: string): boolean {
  if (term === '') return true;
  if (typeof s !== 'string') return false;
  let re = termRegexes.get(term);
  if (!re) {
    const alnum = /[0-9A-Za-z]/;
    const esc = term.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    re = new RegExp((alnum.test(term[0]!) ? '(?:^|[^0-9A-Za-z])' : '') + esc + (alnum.test(term[term.length - 1]!) ? '(?:$|[^0-9A-Za-z])' : ''), 'i');
    termRegexes.set(term, re);
  }
  return re.test(s);
}

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null when the text is not one. */
function ipv4(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return null;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return null;
    v = v * 256 + b;
  }
  return v;
}

interface Network { readonly base: number; readonly mask: number; readonly text: string }

function parseNetworks(cidrs: readonly string[]): Network[] {
  return cidrs.map((text) => {
    const [ip, bits] = text.split('/');
    const b = bits === undefined ? 32 : Number(bits);
    const mask = b === 0 ? 0 : (0xffffffff << (32 - b)) >>> 0;
    const base = ipv4(ip);
    if (base === null || !(b >= 0 && b <= 32)) throw new Error(`bad network '${text}'`);
    return { base: (base & mask) >>> 0, mask, text };
  });
}

/** ipv4_lookup's matched network ('' when none: the return_unmatched = true row). */
function ipv4Lookup(s: unknown, networks: readonly Network[]): string {
  const v = ipv4(s);
  if (v === null) return '';
  for (const n of networks) if (((v & n.mask) >>> 0) === n.base) return n.text;
  return '';
}

/** tostring() of a dynamic value: strings as they are, null as '', anything else as JSON text. */
function kqlToString(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A dynamic property path (`v.a.b`): null where any step is missing or not an object. */
function dynPath(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return null;
    cur = (cur as Record<string, unknown>)[p];
    if (cur === undefined) return null;
  }
  return cur;
}

let registered = false;
function register(): void {
  if (registered) return;
  aq.addFunction('kql_has', kqlHas, { override: true });
  aq.addFunction('kql_ipv4_lookup', ipv4Lookup, { override: true });
  aq.addFunction('kql_tostring', kqlToString, { override: true });
  aq.addFunction('kql_path', dynPath, { override: true });
  registered = true;
}

// Arquero expressions are parsed from the functions' source and may call only `op.*`: these give the registered
// functions a type so the expressions below compile.
const kop = op as unknown as {
  kql_has(s: unknown, term: string): boolean;
  kql_ipv4_lookup(s: unknown, networks: unknown): string;
  kql_tostring(v: unknown): string;
  kql_path(v: unknown, ...path: string[]): unknown;
};

// ── Output cells ────────────────────────────────────────────────────────────────────────────────────────────────

type Out = 'string' | 'datetime' | 'timespan' | 'long' | 'dynamic';

const toCell: Record<Out, (v: unknown) => Cell> = {
  string: (v) => (v === null || v === undefined ? '' : String(v)),
  datetime: (v) => (typeof v === 'number' && !Number.isNaN(v) ? BigInt(v) * 1000n : null),
  timespan: (v) => (typeof v === 'number' && !Number.isNaN(v) ? BigInt(v) * 10n : null),
  long: (v) => (typeof v === 'number' ? BigInt(v) : null),
  dynamic: (v) => (v === null || v === undefined ? null : JSON.stringify(v)),
};

/** The table's rows (in its order) as cells of the given output columns. */
function cells(t: Table, columns: readonly (readonly [string, Out])[]): Cell[][] {
  const arrays = columns.map(([name]) => t.array(name) as ArrayLike<unknown>);
  const n = t.numRows();
  const rows: Cell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r: Cell[] = new Array(columns.length);
    for (let j = 0; j < columns.length; j++) r[j] = toCell[columns[j]![1]](arrays[j]![i]);
    rows[i] = r;
  }
  return rows;
}

// ── The seeds ───────────────────────────────────────────────────────────────────────────────────────────────────

const US_MIN = 60e6;
const US_H = 3600e6;
const US_D = 24 * US_H;

/* eslint-disable @typescript-eslint/no-explicit-any */
type D = any;

function seed000(t: ArqueroTenant, now: number): Cell[][] {
  const mal = t.tables.ThreatIntelIndicators!
    .params({ since: now - 30 * US_D, now })
    .filter((d: D, $: D) => d.TimeGenerated > $.since && d.IsActive === true && (op.is_nan(d.ValidUntil) || d.ValidUntil > $.now)
      && kop.kql_has(d.Pattern, 'ipv4-addr:value'))
    .derive({ NetworkIP: (d: D) => op.match(d.Pattern, /ipv4-addr:value = '([^']+)'/, 1) })
    .filter((d: D) => d.NetworkIP != null && d.NetworkIP !== '')
    .groupby('NetworkIP')
    .rollup({ ThreatTags: (d: D) => op.array_agg_distinct(d.Tags) });
  const r = t.tables.AADNonInteractiveUserSignInLogs!
    .params({ since: now - US_H })
    .filter((d: D, $: D) => d.TimeGenerated > $.since && d.ResultType === '0')
    .join(mal, ['IPAddress', 'NetworkIP'], [
      ['TimeGenerated', 'UserPrincipalName', 'AppDisplayName', 'IPAddress', 'Location', 'ConditionalAccessStatus',
        'AuthenticationRequirement', 'CorrelationId', 'UniqueTokenIdentifier'],
      ['ThreatTags'],
    ])
    .orderby(aq.desc('TimeGenerated'));
  return cells(r, [['TimeGenerated', 'datetime'], ['UserPrincipalName', 'string'], ['AppDisplayName', 'string'], ['IPAddress', 'string'],
    ['Location', 'string'], ['ThreatTags', 'dynamic'], ['ConditionalAccessStatus', 'string'], ['AuthenticationRequirement', 'string'],
    ['CorrelationId', 'string'], ['UniqueTokenIdentifier', 'string']]);
}

function seed001(t: ArqueroTenant, now: number): Cell[][] {
  const risky = t.tables.AADRiskyUsers!
    .filter((d: D) => (d.RiskState === 'atRisk' || d.RiskState === 'confirmedCompromised') && (d.RiskLevel === 'high' || d.RiskLevel === 'medium'))
    .select('UserPrincipalName', 'RiskLevel', 'RiskState', 'RiskDetail');
  const r = t.tables.AADNonInteractiveUserSignInLogs!
    .params({ since: now - US_H })
    .filter((d: D, $: D) => d.TimeGenerated > $.since && d.ResultType === '0')
    .groupby('UserPrincipalName')
    .rollup({
      SilentCount: () => op.count(),
      Countries: (d: D) => op.array_agg_distinct(d.Location),
      IPs: (d: D) => op.array_agg_distinct(d.IPAddress),
      Apps: (d: D) => op.array_agg_distinct(d.AppDisplayName),
      LastActivity: (d: D) => op.max(d.TimeGenerated),
    })
    .join(risky, 'UserPrincipalName')
    .derive({ IPAddress: (d: D) => kop.kql_tostring(d.IPs[0]) })
    .orderby(aq.desc('SilentCount'));
  return cells(r, [['UserPrincipalName', 'string'], ['RiskLevel', 'string'], ['RiskState', 'string'], ['RiskDetail', 'string'],
    ['SilentCount', 'long'], ['Countries', 'dynamic'], ['IPAddress', 'string'], ['Apps', 'dynamic'], ['LastActivity', 'datetime']]);
}

const KNOWN_SAFE_IPS: string[] = [];
const KNOWN_SAFE_NETWORKS = parseNetworks(['0.0.0.0/32']);

function seed002(t: ArqueroTenant, now: number): Cell[][] {
  const params = { since: now - 3 * US_H, safeIps: KNOWN_SAFE_IPS, safeNets: KNOWN_SAFE_NETWORKS };
  const inter = t.tables.SigninLogs!
    .params(params)
    .filter((d: D, $: D) => d.TimeGenerated > $.since && d.ResultType === '0'
      && (d.AuthenticationRequirement === 'singleFactorAuthentication' || d.ConditionalAccessStatus === 'notApplied')
      && !op.includes($.safeIps, d.IPAddress) && kop.kql_ipv4_lookup(d.IPAddress, $.safeNets) === '')
    .select({ UserPrincipalName: 'UserPrincipalName', TimeGenerated: 'InteractiveTime', IPAddress: 'InteractiveIP', Location: 'InteractiveCountry' });
  const r = t.tables.AADNonInteractiveUserSignInLogs!
    .params(params)
    .filter((d: D, $: D) => d.TimeGenerated > $.since && d.ResultType === '0'
      && !op.includes($.safeIps, d.IPAddress) && kop.kql_ipv4_lookup(d.IPAddress, $.safeNets) === '')
    .join(inter, 'UserPrincipalName', [
      ['TimeGenerated', 'UserPrincipalName', 'AppDisplayName', 'IPAddress', 'Location', 'CorrelationId', 'UniqueTokenIdentifier'],
      ['InteractiveTime', 'InteractiveIP', 'InteractiveCountry'],
    ])
    .params({ lo: US_MIN, hi: 2 * US_H })
    .filter((d: D, $: D) => d.IPAddress !== d.InteractiveIP && d.Location !== d.InteractiveCountry
      && d.TimeGenerated - d.InteractiveTime >= $.lo && d.TimeGenerated - d.InteractiveTime <= $.hi)
    .derive({ TimeSinceInteractive: (d: D) => d.TimeGenerated - d.InteractiveTime })
    .orderby('UserPrincipalName', 'InteractiveTime');
  return cells(r, [['TimeGenerated', 'datetime'], ['InteractiveTime', 'datetime'], ['UserPrincipalName', 'string'], ['AppDisplayName', 'string'],
    ['IPAddress', 'string'], ['Location', 'string'], ['InteractiveIP', 'string'], ['InteractiveCountry', 'string'], ['CorrelationId', 'string'],
    ['UniqueTokenIdentifier', 'string'], ['TimeSinceInteractive', 'timespan']]);
}

function seed003(t: ArqueroTenant, now: number): Cell[][] {
  const ni = t.tables.AADNonInteractiveUserSignInLogs!
    .params({ since: now - 2 * US_H })
    .filter((d: D, $: D) => d.TimeGenerated > $.since && d.ResultType === '0')
    .groupby('UserPrincipalName', 'IPAddress')
    .rollup({ LastNISignIn: (d: D) => op.max(d.TimeGenerated) });
  const r = t.tables.AuditLogs!
    .params({ since: now - 2 * US_H })
    .filter((d: D, $: D) => d.TimeGenerated > $.since && (d.Category === 'RoleManagement' || d.Category === 'ApplicationManagement'
      || d.Category === 'GroupManagement' || d.Category === 'Policy' || d.Category === 'DeviceManagement' || d.Category === 'UserManagement'))
    .derive({ UPN: (d: D) => kop.kql_tostring(kop.kql_path(d.InitiatedBy, 'user', 'userPrincipalName')) })
    .filter((d: D) => d.UPN !== '')
    .join(ni, ['UPN', 'UserPrincipalName'], [
      ['TimeGenerated', 'UPN', 'OperationName', 'Result', 'Category', 'TargetResources'],
      ['LastNISignIn', 'IPAddress'],
    ])
    .params({ hi: 60 * US_MIN })
    .filter((d: D, $: D) => d.TimeGenerated - d.LastNISignIn >= 0 && d.TimeGenerated - d.LastNISignIn <= $.hi)
    .derive({ TimeSinceNISignIn: (d: D) => d.TimeGenerated - d.LastNISignIn })
    .orderby(aq.desc('TimeGenerated'));
  return cells(r, [['TimeGenerated', 'datetime'], ['UPN', 'string'], ['OperationName', 'string'], ['Result', 'string'], ['Category', 'string'],
    ['TargetResources', 'dynamic'], ['LastNISignIn', 'datetime'], ['IPAddress', 'string'], ['TimeSinceNISignIn', 'timespan']]);
}

function seed004(t: ArqueroTenant, now: number): Cell[][] {
  // arg_max(TimeGenerated, …) by UserUpn: the one row with the latest TimeGenerated of each group.
  const inter = t.tables.SigninLogs!
    .params({ since: now - US_D })
    .filter((d: D, $: D) => d.TimeGenerated >= $.since && d.ResultType === '0' && d.UserPrincipalName !== '')
    .derive({ UserUpn: (d: D) => op.lower(d.UserPrincipalName) })
    .groupby('UserUpn')
    .orderby(aq.desc('TimeGenerated'))
    .filter(() => op.row_number() === 1)
    .ungroup()
    .unorder()
    .select({ UserUpn: 'UserUpn', TimeGenerated: 'InteractiveTime', IPAddress: 'InteractiveIp', AutonomousSystemNumber: 'InteractiveAsn',
      CorrelationId: 'SessionId' });
  // Kusto's join keeps both sides' columns and renames a right-side name the left already has with a suffix 1:
  // AADNonInteractiveUserSignInLogs has a SessionId column, so the rule's `SessionId` is the silent sign-in's and
  // the interactive CorrelationId becomes SessionId1, which the final project drops.
  const r = t.tables.AADNonInteractiveUserSignInLogs!
    .params({ since: now - US_D })
    .filter((d: D, $: D) => d.TimeGenerated >= $.since && d.ResultType === '0' && d.UserPrincipalName !== '')
    .derive({ UserUpn: (d: D) => op.lower(d.UserPrincipalName) })
    .join(inter, 'UserUpn', [
      ['TimeGenerated', 'UserUpn', 'AppDisplayName', 'IPAddress', 'AutonomousSystemNumber', 'CorrelationId', 'SessionId'],
      ['InteractiveTime', 'InteractiveIp', 'InteractiveAsn'],
    ])
    .params({ window: 10 * US_MIN })
    .filter((d: D, $: D) => d.TimeGenerated >= d.InteractiveTime && d.TimeGenerated <= d.InteractiveTime + $.window
      && d.IPAddress !== d.InteractiveIp && d.AutonomousSystemNumber !== d.InteractiveAsn)
    .derive({
      AccountName: (d: D) => kop.kql_tostring(op.split(d.UserUpn, '@')[0]),
      AccountUPNSuffix: (d: D) => kop.kql_tostring(op.split(d.UserUpn, '@')[1]),
    })
    .orderby(aq.desc('TimeGenerated'));
  return cells(r, [['TimeGenerated', 'datetime'], ['UserUpn', 'string'], ['AccountName', 'string'], ['AccountUPNSuffix', 'string'],
    ['AppDisplayName', 'string'], ['IPAddress', 'string'], ['AutonomousSystemNumber', 'string'], ['InteractiveIp', 'string'],
    ['InteractiveAsn', 'string'], ['InteractiveTime', 'datetime'], ['SessionId', 'string'], ['CorrelationId', 'string']]);
}

const SEEDS: Record<string, (t: ArqueroTenant, now: number) => Cell[][]> = {
  '000': seed000, '001': seed001, '002': seed002, '003': seed003, '004': seed004,
};

/** Runs one seed (by its three-digit prefix) on the loaded tables; rows in the engine's cell convention. */
export function arqueroSeed(seed: string, tenant: ArqueroTenant, now: Date): Cell[][] {
  const f = SEEDS[seed];
  if (!f) throw new Error(`no arquero version of seed ${seed}`);
  register();
  return f(tenant, now.getTime() * 1000);
}
