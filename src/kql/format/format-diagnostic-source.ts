/**
 * A diagnostic as a person reads it in a terminal: `line:col CODE severity: message`, then the offending
 * source line and a caret under the column (carets spanning the diagnostic's length on that line), the way
 * compilers show errors.
 */
import { formatDiagnostic, type KqlDiagnostic } from '../syntax/diagnostics.js';

export function formatDiagnosticSource(text: string, d: KqlDiagnostic, file?: string): string {
  const head = formatDiagnostic(d, file);
  const line = text.split(/\r?\n/)[d.line - 1];
  if (line === undefined) return head;
  const start = Math.max(0, Math.min(d.column - 1, line.length));
  const width = Math.max(1, Math.min(d.length, line.length - start));
  // Tabs are kept in the padding so the caret lines up under tab-indented text.
  const pad = line.slice(0, start).replace(/[^\t]/g, ' ');
  return `${head}\n  ${line}\n  ${pad}^${'~'.repeat(width - 1)}`;
}
