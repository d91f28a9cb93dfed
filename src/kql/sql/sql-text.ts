/**
 * SQL text helpers: identifier quoting and literal escaping. Every identifier and literal that reaches DuckDB
 * goes through here, so no other module concatenates user text into SQL.
 */

export function ident(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

export function str(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/** A KQL long literal: always BIGINT, because a DuckDB integer literal is INT32 and overflows (traps §0). */
export function long(value: bigint | number): string {
  return `CAST(${typeof value === 'bigint' ? value.toString() : Math.trunc(value).toString()} AS BIGINT)`;
}

export function real(value: number): string {
  if (Number.isNaN(value)) return "'NaN'::DOUBLE";
  if (value === Infinity) return "'Infinity'::DOUBLE";
  if (value === -Infinity) return "'-Infinity'::DOUBLE";
  const s = String(value);
  return `CAST(${s} AS DOUBLE)`;
}

/** A TIMESTAMP_NS literal from nanoseconds since the Unix epoch. */
export function timestampNs(ns: bigint): string {
  return `make_timestamp_ns(${ns.toString()})`;
}

export function json(text: string): string {
  return `${str(text)}::JSON`;
}
