/**
 * Kusto's scalar operators (OperatorKind names): comparison, logic, arithmetic and the string operators.
 * Semantics from datatypes-string-operators.md, null-values.md, numerical-operators.md and
 * datetime-timespan-arithmetic.md; DuckDB mappings from ../shared/notes/kql-semantics-traps.md.
 */
import { operator, DOCS, type FunctionDef, type SqlArg } from './define.js';
import { asText, isConstString, isStringLike, prefixRegex, suffixRegex, termRegex } from './sql-helpers.js';
import { str } from '../sql/sql-text.js';
import type { KustoType } from '../plan/types.js';

const OPS = DOCS + 'datatypes-string-operators';
const NUM = DOCS + 'numerical-operators';
const DT = DOCS + 'datetime-timespan-arithmetic';

/** Brings the two sides of a comparison to comparable SQL (Kusto compares string == long as text; traps §3.1). */
function comparable(a: SqlArg, b: SqlArg): [string, string] {
  const sa = isStringLike(a.type);
  const sb = isStringLike(b.type);
  // A number written against a string column compares as its text: emit the text literal itself.
  if (sa && (typeof b.constant === 'bigint' || typeof b.constant === 'number')) return [a.sql, str(String(b.constant))];
  if (sb && (typeof a.constant === 'bigint' || typeof a.constant === 'number')) return [str(String(a.constant)), b.sql];
  if (sa && !sb) return [a.sql, asText(b)];
  if (sb && !sa) return [asText(a), b.sql];
  if (a.type === 'dynamic' && b.type !== 'dynamic') return [dynAs(a, b.type), b.sql];
  if (b.type === 'dynamic' && a.type !== 'dynamic') return [a.sql, dynAs(b, a.type)];
  if (a.type === 'dynamic' && b.type === 'dynamic') return [`CAST(${a.sql} AS VARCHAR)`, `CAST(${b.sql} AS VARCHAR)`];
  return [a.sql, b.sql];
}

/** A dynamic value compared with a typed scalar: compare as that scalar type. */
function dynAs(a: SqlArg, t: KustoType): string {
  switch (t) {
    case 'string': case 'guid': return `json_extract_string(${a.sql}, '$')`;
    case 'long': case 'int': return `TRY_CAST(json_extract_string(${a.sql}, '$') AS BIGINT)`;
    case 'real': case 'decimal': return `TRY_CAST(json_extract_string(${a.sql}, '$') AS DOUBLE)`;
    case 'bool': return `TRY_CAST(json_extract_string(${a.sql}, '$') AS BOOLEAN)`;
    case 'datetime': return `TRY_CAST(json_extract_string(${a.sql}, '$') AS TIMESTAMP_NS)`;
    default: return `json_extract_string(${a.sql}, '$')`;
  }
}

function neverNull(a: SqlArg): boolean {
  return isStringLike(a.type) && a.type === 'string' ? true : a.constant !== undefined && a.constant !== null;
}

/**
 * Two bools (logical-operators.md): `==` is true only when both are non-null and equal (`bool(null) ==
 * bool(null)` is false); `!=` is true when they differ or exactly one is null (`bool(null) != bool(null)` is false).
 */
function boolEqual(a: SqlArg, b: SqlArg): string {
  return `coalesce(${a.sql} = ${b.sql}, false)`;
}

function boolNotEqual(a: SqlArg, b: SqlArg): string {
  return `coalesce(${a.sql} <> ${b.sql}, (${a.sql} IS NULL) <> (${b.sql} IS NULL))`;
}

/** A bool operand of and/or reads null as false (logical-operators.md, "null values" table). */
function boolOperand(a: SqlArg): string {
  return a.constant !== undefined && a.constant !== null ? a.sql : `coalesce(${a.sql}, false)`;
}

/** Kusto `==`: null == v → false, null == null → null (null-values.md; traps §1.3). */
function equal(a: SqlArg, b: SqlArg): string {
  if (a.type === 'bool' && b.type === 'bool') return boolEqual(a, b);
  const [x, y] = comparable(a, b);
  if (neverNull(a) && neverNull(b)) return `(${x} = ${y})`;
  if (neverNull(a) || neverNull(b)) return `coalesce(${x} = ${y}, false)`;
  return `kql_eq(${x}, ${y})`;
}

/** Kusto `!=`: null != v → true. */
function notEqual(a: SqlArg, b: SqlArg): string {
  if (a.type === 'bool' && b.type === 'bool') return boolNotEqual(a, b);
  const [x, y] = comparable(a, b);
  if (neverNull(a) && neverNull(b)) return `(${x} <> ${y})`;
  if (neverNull(a) || neverNull(b)) return `coalesce(${x} <> ${y}, true)`;
  return `kql_ne(${x}, ${y})`;
}

function cmp(op: string): (args: readonly SqlArg[]) => string {
  return ([a, b]) => {
    const [x, y] = comparable(a!, b!);
    return `(${x} ${op} ${y})`;
  };
}

function text(a: SqlArg): string {
  return asText(a);
}

/** Case-insensitive comparisons fold case on both sides (ASCII in Kusto; traps §2.1). */
function lower(a: SqlArg): string {
  if (isConstString(a)) return str(a.constant.toLowerCase());
  return `lower(${text(a)})`;
}

function regexMatch(s: SqlArg, re: string): string {
  return `regexp_matches(${text(s)}, ${str(re)})`;
}

function has(cs: boolean): (args: readonly SqlArg[]) => string {
  return ([s, t]) => {
    if (isConstString(t!)) {
      if (t.constant === '') return 'true';
      return regexMatch(s!, termRegex([t.constant], cs));
    }
    return cs ? `kql_has_cs(${text(s!)}, ${text(t!)})` : `kql_has(${text(s!)}, ${text(t!)})`;
  };
}

function hasPrefix(cs: boolean): (args: readonly SqlArg[]) => string {
  return ([s, t]) =>
    isConstString(t!) ? regexMatch(s!, prefixRegex(t.constant, cs)) : `kql_hasprefix(${text(s!)}, ${text(t!)}, ${cs})`;
}

function hasSuffix(cs: boolean): (args: readonly SqlArg[]) => string {
  return ([s, t]) =>
    isConstString(t!) ? regexMatch(s!, suffixRegex(t.constant, cs)) : `kql_hassuffix(${text(s!)}, ${text(t!)}, ${cs})`;
}

const not = (f: (args: readonly SqlArg[]) => string) => (args: readonly SqlArg[]) => `(NOT ${f(args)})`;

const contains = (args: readonly SqlArg[]) => `contains(${lower(args[0]!)}, ${lower(args[1]!)})`;
const containsCs = (args: readonly SqlArg[]) => `contains(${text(args[0]!)}, ${text(args[1]!)})`;
const startsWith = (args: readonly SqlArg[]) => `starts_with(${lower(args[0]!)}, ${lower(args[1]!)})`;
const startsWithCs = (args: readonly SqlArg[]) => `starts_with(${text(args[0]!)}, ${text(args[1]!)})`;
const endsWith = (args: readonly SqlArg[]) => `ends_with(${lower(args[0]!)}, ${lower(args[1]!)})`;
const endsWithCs = (args: readonly SqlArg[]) => `ends_with(${text(args[0]!)}, ${text(args[1]!)})`;
const equalTilde = (args: readonly SqlArg[]) => `(${lower(args[0]!)} = ${lower(args[1]!)})`;

/** `like` is not a documented KQL operator for queries; kept for the binder's OperatorKind set. */
const like = (cs: boolean) => (args: readonly SqlArg[]) =>
  cs ? `(${text(args[0]!)} LIKE ${text(args[1]!)})` : `(${text(args[0]!)} ILIKE ${text(args[1]!)})`;

function add(args: readonly SqlArg[]): string {
  const [a, b] = args as [SqlArg, SqlArg];
  if (a.type === 'datetime' && b.type === 'timespan') return `kql_dt_add(${a.sql}, ${b.sql})`;
  if (a.type === 'timespan' && b.type === 'datetime') return `kql_dt_add(${b.sql}, ${a.sql})`;
  return `(${a.sql} + ${b.sql})`;
}

function subtract(args: readonly SqlArg[]): string {
  const [a, b] = args as [SqlArg, SqlArg];
  if (a.type === 'datetime' && b.type === 'datetime') return `kql_dt_diff(${a.sql}, ${b.sql})`;
  if (a.type === 'datetime' && b.type === 'timespan') return `kql_dt_add(${a.sql}, -(${b.sql}))`;
  return `(${a.sql} - ${b.sql})`;
}

function multiply(args: readonly SqlArg[], resultType: KustoType): string {
  const [a, b] = args as [SqlArg, SqlArg];
  if (resultType === 'timespan') {
    // number × timespan is a timespan; a real factor must round back to whole ticks.
    return `CAST(round(${a.sql} * ${b.sql}) AS BIGINT)`;
  }
  return `(${a.sql} * ${b.sql})`;
}

function divide(args: readonly SqlArg[], resultType: KustoType): string {
  const [a, b] = args as [SqlArg, SqlArg];
  if (a.type === 'timespan' && b.type === 'timespan') return `(CAST(${a.sql} AS DOUBLE) / ${b.sql})`;
  if (resultType === 'timespan') return `CAST(trunc(${a.sql} / ${b.sql}) AS BIGINT)`;
  // Kusto: long / long truncates toward zero (numerical-operators.md); DuckDB `//` does, `/` gives DOUBLE.
  const isInt = (t: KustoType) => t === 'int' || t === 'long';
  if (isInt(a.type) && isInt(b.type)) return `(${a.sql} // ${b.sql})`;
  return `(CAST(${a.sql} AS DOUBLE) / ${b.sql})`;
}

/** Kusto: 0 ≤ (N % D) < abs(D) (numerical-operators.md; traps §12.5). */
function modulo(args: readonly SqlArg[]): string {
  const [a, b] = args as [SqlArg, SqlArg];
  return `(((${a.sql} % ${b.sql}) + abs(${b.sql})) % abs(${b.sql}))`;
}

export const operatorFunctions = [
  operator('Equal', { doc: DOCS + 'equals-operator', sql: ([a, b]) => equal(a!, b!) }),
  operator('NotEqual', { doc: DOCS + 'not-equals-operator', sql: ([a, b]) => notEqual(a!, b!) }),
  operator('LessThan', { doc: NUM, sql: cmp('<') }),
  operator('LessThanOrEqual', { doc: NUM, sql: cmp('<=') }),
  operator('GreaterThan', { doc: NUM, sql: cmp('>') }),
  operator('GreaterThanOrEqual', { doc: NUM, sql: cmp('>=') }),
  operator('And', { doc: DOCS + 'logical-operators', sql: ([a, b]) => `(${boolOperand(a!)} AND ${boolOperand(b!)})` }),
  operator('Or', { doc: DOCS + 'logical-operators', sql: ([a, b]) => `(${boolOperand(a!)} OR ${boolOperand(b!)})` }),
  operator('UnaryMinus', { doc: NUM, sql: ([a]) => `(-${a!.sql})` }),
  operator('UnaryPlus', { doc: NUM, sql: ([a]) => a!.sql }),
  operator('Add', { doc: DT, sql: (args) => add(args) }),
  operator('Subtract', { doc: DT, sql: (args) => subtract(args) }),
  operator('Multiply', { doc: NUM, sql: (args, ctx) => multiply(args, ctx.resultType) }),
  operator('Divide', { doc: NUM, sql: (args, ctx) => divide(args, ctx.resultType) }),
  operator('Modulo', { doc: NUM, sql: (args) => modulo(args) }),
  operator('EqualTilde', { doc: OPS, sql: equalTilde }),
  operator('BangTilde', { doc: OPS, sql: not(equalTilde) }),
  operator('Has', { doc: DOCS + 'has-operator', sql: has(false) }),
  operator('HasCs', { doc: DOCS + 'has-cs-operator', sql: has(true) }),
  operator('NotHas', { doc: DOCS + 'not-has-operator', sql: not(has(false)) }),
  operator('NotHasCs', { doc: DOCS + 'not-has-cs-operator', sql: not(has(true)) }),
  operator('HasPrefix', { doc: DOCS + 'hasprefix-operator', sql: hasPrefix(false) }),
  operator('HasPrefixCs', { doc: DOCS + 'hasprefix-cs-operator', sql: hasPrefix(true) }),
  operator('NotHasPrefix', { doc: DOCS + 'not-hasprefix-operator', sql: not(hasPrefix(false)) }),
  operator('NotHasPrefixCs', { doc: DOCS + 'not-hasprefix-cs-operator', sql: not(hasPrefix(true)) }),
  operator('HasSuffix', { doc: DOCS + 'hassuffix-operator', sql: hasSuffix(false) }),
  operator('HasSuffixCs', { doc: DOCS + 'hassuffix-cs-operator', sql: hasSuffix(true) }),
  operator('NotHasSuffix', { doc: DOCS + 'not-hassuffix-operator', sql: not(hasSuffix(false)) }),
  operator('NotHasSuffixCs', { doc: DOCS + 'not-hassuffix-cs-operator', sql: not(hasSuffix(true)) }),
  operator('Contains', { doc: DOCS + 'contains-operator', sql: contains }),
  operator('ContainsCs', { doc: DOCS + 'contains-cs-operator', sql: containsCs }),
  operator('NotContains', { doc: DOCS + 'not-contains-operator', sql: not(contains) }),
  operator('NotContainsCs', { doc: DOCS + 'not-contains-cs-operator', sql: not(containsCs) }),
  operator('StartsWith', { doc: DOCS + 'startswith-operator', sql: startsWith }),
  operator('StartsWithCs', { doc: DOCS + 'startswith-cs-operator', sql: startsWithCs }),
  operator('NotStartsWith', { doc: DOCS + 'not-startswith-operator', sql: not(startsWith) }),
  operator('NotStartsWithCs', { doc: DOCS + 'not-startswith-cs-operator', sql: not(startsWithCs) }),
  operator('EndsWith', { doc: DOCS + 'endswith-operator', sql: endsWith }),
  operator('EndsWithCs', { doc: DOCS + 'endswith-cs-operator', sql: endsWithCs }),
  operator('NotEndsWith', { doc: DOCS + 'not-endswith-operator', sql: not(endsWith) }),
  operator('NotEndsWithCs', { doc: DOCS + 'not-endswith-cs-operator', sql: not(endsWithCs) }),
  operator('MatchRegex', { doc: DOCS + 'matches-regex-operator', sql: ([s, r]) => `regexp_matches(${text(s!)}, ${text(r!)})` }),
  operator('Like', { doc: OPS, sql: like(false) }),
  operator('LikeCs', { doc: OPS, sql: like(true) }),
  operator('NotLike', { doc: OPS, sql: not(like(false)) }),
  operator('NotLikeCs', { doc: OPS, sql: not(like(true)) }),
] as const satisfies readonly FunctionDef[];
