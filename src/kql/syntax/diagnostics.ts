/**
 * Diagnostics: Kusto's own codes (KS###) pass through unchanged; kqlwatch's are listed here, one table
 * (the DiagnosticFacts.cs habit). KQW1xx: construct not supported yet; KQW2xx: a type or semantic gap.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface KqlDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line and column of the start of the offending text. */
  readonly line: number;
  readonly column: number;
  /** Character offsets into the query text. */
  readonly start: number;
  readonly length: number;
}

export const OUR_CODES = {
  KQW101: 'unsupported operator',
  KQW102: 'unsupported function',
  KQW103: 'unsupported plugin',
  KQW104: 'unsupported syntax',
  KQW105: 'needs the data to know its columns',
  KQW201: 'type not supported here',
  KQW202: 'table not in the store',
  KQW301: 'run-time failure',
} as const;

export type OurCode = keyof typeof OUR_CODES;

/** Converts a character offset into 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return { line, column: col };
}

export function makeDiagnostic(
  text: string,
  code: string,
  message: string,
  start: number,
  length: number,
  severity: Severity = 'error',
): KqlDiagnostic {
  const { line, column } = lineColumn(text, start);
  return { code, severity, message, line, column, start, length };
}

/** "3:14 KS142 error: The name 'Nope' does not refer …" */
export function formatDiagnostic(d: KqlDiagnostic, file?: string): string {
  const where = file ? `${file}:${d.line}:${d.column}` : `${d.line}:${d.column}`;
  return `${where} ${d.code} ${d.severity}: ${d.message}`;
}

/** Thrown (and caught at the engine boundary) when a query cannot be compiled. */
export class KqlError extends Error {
  constructor(readonly diagnostics: readonly KqlDiagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'KqlError';
  }
}
