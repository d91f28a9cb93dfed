/**
 * Helpers for the text-level query checks: blank out comments and string literals (keeping every offset), so
 * a regex over the result never matches inside a string or a comment; and map a KQL diagnostic onto the rule
 * file (queryLine + diagnostic line − 1; the block's indentation added to the column).
 */
import type { KqlDiagnostic } from '../../kql/syntax/diagnostics.js';
import type { Rule, SourceLocation } from '../model.js';
import type { RuleDocument } from '../rule-document.js';

/** The query with `//` comments and the contents of string literals replaced by spaces (quotes kept). */
export function kqlCode(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      const stop = end < 0 ? text.length : end;
      blank(i + 3, stop);
      i = stop + 3;
    } else if ((c === '@' || c === 'h' || c === 'H') && (text[i + 1] === '"' || text[i + 1] === "'") && !/\w/.test(text[i - 1] ?? '')) {
      // Verbatim (@"…", quote doubled to escape) or obfuscated (h"…") string.
      const q = text[i + 1]!;
      let j = i + 2;
      const verbatim = c === '@';
      while (j < text.length) {
        if (text[j] === q && verbatim && text[j + 1] === q) j += 2;
        else if (text[j] === '\\' && !verbatim) j += 2;
        else if (text[j] === q || text[j] === '\n') break;
        else j++;
      }
      blank(i + 2, j);
      i = j + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}

/** Where a diagnostic of the rule's query sits in the rule file. */
export function queryLocation(rule: Rule, document: RuleDocument, line: number, column: number): SourceLocation {
  if (rule.queryLine === undefined) return document.locate('query');
  if (document.format === 'arm') return { file: document.file, line: rule.queryLine };
  return { file: document.file, line: rule.queryLine + line - 1, column: column + (document.queryIndent ?? 0) };
}

/** `KS142 … (query line 3:14)`: the position inside the query, for formats whose file columns do not map (ARM). */
export function diagnosticMessage(d: KqlDiagnostic, document: RuleDocument): string {
  return document.format === 'arm' ? `${d.message} (query ${d.line}:${d.column})` : d.message;
}

/** 1-based line and column of an offset in the text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
