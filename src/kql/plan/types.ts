/**
 * Kusto scalar types and their DuckDB representation: the one place types are mapped.
 * See https://learn.microsoft.com/kusto/query/scalar-data-types/ and ../shared/notes/kql-semantics-traps.md §0:
 * datetime is TIMESTAMP_NS (100 ns ticks need ns storage), timespan is BIGINT ticks (INTERVAL compares and
 * divides differently), dynamic is JSON, strings are VARCHAR that we keep non-null.
 */

export type KustoType =
  | 'string'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'bool'
  | 'datetime'
  | 'timespan'
  | 'dynamic'
  | 'guid';

export interface Column {
  readonly name: string;
  readonly type: KustoType;
}

export type Schema = readonly Column[];

/**
 * When the store received a row: a column of every stored table that no schema lists (Log Analytics hides it
 * too), read by ingestion_time() and by windows over ingestion time.
 */
export const INGESTION_TIME: Column = { name: '_kqw_IngestionTime', type: 'datetime' };

export const KUSTO_TYPES: readonly KustoType[] = [
  'string', 'int', 'long', 'real', 'decimal', 'bool', 'datetime', 'timespan', 'dynamic', 'guid',
];

const ALIASES: Record<string, KustoType> = {
  string: 'string', int: 'int', int32: 'int', long: 'long', int64: 'long', real: 'real', double: 'real',
  decimal: 'decimal', bool: 'bool', boolean: 'bool', datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan', dynamic: 'dynamic', guid: 'guid', uuid: 'guid', uniqueid: 'guid',
};

/** Normalises a type name from a schema file or the parser ("Int64", "boolean", "date") to a KustoType. */
export function toKustoType(name: string): KustoType | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

const DUCKDB: Record<KustoType, string> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  long: 'BIGINT',
  real: 'DOUBLE',
  decimal: 'DOUBLE',
  bool: 'BOOLEAN',
  datetime: 'TIMESTAMP_NS',
  timespan: 'BIGINT',
  dynamic: 'JSON',
  guid: 'VARCHAR',
};

export function duckdbType(t: KustoType): string {
  return DUCKDB[t];
}

export function isNumeric(t: KustoType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

export function isInteger(t: KustoType): boolean {
  return t === 'int' || t === 'long';
}

/** Ticks (100 ns) per timespan unit, as Kusto defines them. */
export const TICKS = {
  day: 864000000000n,
  hour: 36000000000n,
  minute: 600000000n,
  second: 10000000n,
  millisecond: 10000n,
  microsecond: 10n,
  tick: 1n,
} as const;
