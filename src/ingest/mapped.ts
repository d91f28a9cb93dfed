/**
 * What mapping a source record gives: rows for store tables (with the value policy of value-fit.ts that suits
 * their origin), or the reason it cannot be mapped (the record is set aside with that reason).
 */
export interface MappedRow {
  readonly table: string;
  readonly row: Record<string, unknown>;
  /** 'source': mapped from a source record (objects/numbers may become text); 'table': the input's own columns. */
  readonly policy: 'source' | 'table';
}

export type Mapped = { readonly rows: readonly MappedRow[] } | { readonly reject: string };

export const reject = (reason: string): Mapped => ({ reject: reason });
