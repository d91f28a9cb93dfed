/**
 * readCsv(chunks): RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180) → rows of fields with the line each
 * starts on, streamed: a row that is not complete at the end of a chunk (a quoted field with line breaks, or
 * no newline yet) waits for the next one. Quoted fields may hold commas, doubled quotes and line breaks.
 */
export interface CsvRow {
  readonly line: number;
  readonly fields: string[];
}

export async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow[]> {
  let rest = '';
  let line = 1;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    const { rows, consumed, lines } = parseRows(text, line, false);
    rest = text.slice(consumed);
    line += lines;
    if (rows.length > 0) yield rows;
  }
  if (rest !== '') {
    const { rows } = parseRows(rest, line, true);
    if (rows.length > 0) yield rows;
  }
}

/** The complete rows of `text`; at the end of input (`final`) the last row needs no line break. */
function parseRows(text: string, firstLine: number, final: boolean): { rows: CsvRow[]; consumed: number; lines: number } {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = 0;
  let line = firstLine;
  let rowStart = 0;
  let rowLine = line;
  let row: string[] = [];
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      field = '';
      let from = i + 1;
      let closed = false;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) break;
        field += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          from = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) break;
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        if (!final) return { rows, consumed: rowStart, lines: rowLine - firstLine };
        field += text.slice(from);
        i = n;
      }
      for (let k = field.indexOf('\n'); k !== -1; k = field.indexOf('\n', k + 1)) line++;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      if (end >= n && !final) return { rows, consumed: rowStart, lines: rowLine - firstLine };
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) {
        if (!final) return { rows, consumed: rowStart, lines: rowLine - firstLine };
        row.push('');
      }
    } else if (c === 10 || c === 13 || i >= n) {
      if (c === 13 && i + 1 >= n && !final) return { rows, consumed: rowStart, lines: rowLine - firstLine };
      if (!(row.length === 1 && row[0] === '')) rows.push({ line: rowLine, fields: row });
      row = [];
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : i >= n ? 0 : 1;
      if (c === 10 || c === 13) line++;
      rowStart = i;
      rowLine = line;
    }
  }
  if (row.length > 0) rows.push({ line: rowLine, fields: row });
  return { rows, consumed: final ? n : rowStart, lines: rowLine - firstLine };
}
