/**
 * readJsonLines(chunks): JSON Lines (one JSON value per line, https://jsonlines.org) → one unit per non-blank
 * line, a read buffer's worth at a time. This is the shape of Entra ID diagnostic settings in a storage
 * account (`PT1H.json`), of workspace data export (`PT05M.json`) and of NDJSON table rows. Line ends are LF or
 * CRLF; the last line may lack its newline.
 */
import type { SourceUnit, UnitReader } from './source-unit.js';

export async function* readJsonLines(chunks: AsyncIterable<string>): UnitReader {
  let rest = '';
  let lineNo = 0;
  for await (const chunk of chunks) {
    const text = rest === '' ? chunk : rest + chunk;
    const units: SourceUnit[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      lineNo++;
      const line = text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      if (!isBlank(line)) units.push({ line: lineNo, text: line });
      start = nl + 1;
    }
    rest = text.slice(start);
    if (units.length > 0) yield units;
  }
  if (rest !== '') {
    const line = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
    if (!isBlank(line)) yield [{ line: lineNo + 1, text: line }];
  }
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
