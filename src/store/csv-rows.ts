/**
 * RFC 4180 CSV text → rows of fields: quoted fields may hold commas, doubled quotes and line breaks
 * (the Log Analytics schema CSV has multi-line HTML in its descriptions). See https://www.rfc-editor.org/rfc/rfc4180.
 */

export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  // Fields are sliced, not built a character at a time: the schema file is a few MB and read at every start.
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      field = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          field += text.slice(from);
          i = n;
          break;
        }
        field += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 /* , */ || c === 10 || c === 13) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) row.push('');
    } else if (c === 10 || c === 13 || i >= n) {
      rows.push(row);
      row = [];
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    }
  }
  return rows;
}
