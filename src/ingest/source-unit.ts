/**
 * A source unit: one record of an input file as a reader finds it, before it is mapped to rows: a JSON line,
 * an element of a `records` / `value` / `objects` array, a row of a Log Analytics result, a CSV row, a Parquet
 * row. Units are numbered from 0 in file order (their ordinal), which is how an interrupted ingest finds where
 * to resume: the same bytes always give the same units.
 */
export interface SourceUnit {
  /** 1-based line of the file where the unit starts. */
  readonly line: number;
  /** The unit's JSON text, parsed only when the unit is loaded (a resumed ingest skips units unparsed). */
  readonly text?: string;
  /** The unit's value when the reader already has it (CSV, Parquet, Log Analytics rows). */
  readonly value?: unknown;
  /** Why the reader could not make a value of this unit (e.g. a CSV row with too many fields). */
  readonly error?: string;
}

export type UnitReader = AsyncGenerator<SourceUnit[]>;
