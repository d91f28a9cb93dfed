// KQL syntax highlighting for the console: a small tokenizer (comments, strings, numbers, keywords, operators,
// known tables) and the diagnostics overlaid at their character offsets (start, length from the server's parser).
const KEYWORDS = new Set(`where project project-away project-rename project-reorder extend summarize by join on kind union
take limit sort order top count let distinct mv-expand mv-apply parse parse-where evaluate render and or not in !in has
!has has_cs contains !contains contains_cs startswith endswith matches regex between asc desc nulls first last datetime
timespan dynamic ago now bin materialize lookup as range from to step make-series with withsource inner leftouter
rightouter fullouter leftanti rightanti leftsemi rightsemi innerunique anti semi search find getschema serialize
sample sample-distinct top-nested invoke print iff iif case isnotempty isempty isnull isnotnull tostring toint tolong
todouble toreal tobool todatetime totimespan parse_json todynamic arg_max arg_min dcount countif sumif make_set make_list
sum avg min max strcat has_any has_all in~ =~ !~ true false null`.split(/\s+/));

const TOKEN = /(\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|@"[^"]*"?)|(\b\d+(?:\.\d+)?(?:[a-z]{1,12})?\b)|([A-Za-z_][\w-]*(?:~)?|![A-Za-z_]\w*)|(\||==|!=|=~|!~|<=|>=|[<>=+\-*/%(),.\[\]{};:])/g;

/** Per-character token classes of the text. */
function classes(text, tables) {
  const out = new Array(text.length).fill('');
  for (const m of text.matchAll(TOKEN)) {
    let cls = '';
    if (m[1]) cls = 'tk-comment';
    else if (m[2]) cls = 'tk-string';
    else if (m[3]) cls = 'tk-number';
    else if (m[4]) cls = KEYWORDS.has(m[4].toLowerCase()) ? 'tk-keyword' : tables.has(m[4]) ? 'tk-table' : 'tk-name';
    else if (m[5]) cls = m[5] === '|' ? 'tk-pipe' : 'tk-op';
    for (let i = m.index; i < m.index + m[0].length; i++) out[i] = cls;
  }
  return out;
}

const escape = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);

/** HTML for the highlight layer under the textarea; diagnostics become wavy-underlined spans with their message. */
export function highlight(text, tables = new Set(), diagnostics = []) {
  const cls = classes(text, tables);
  const diag = new Array(text.length + 1).fill(null);
  for (const d of diagnostics) {
    const start = Math.min(Math.max(d.start ?? 0, 0), text.length);
    const end = Math.max(start + 1, Math.min(start + (d.length ?? 0), text.length + 1));
    for (let i = start; i < end; i++) diag[i] = diag[i] ?? d;
  }
  let html = '';
  let i = 0;
  const n = text.length + 1;
  while (i < n) {
    let j = i + 1;
    while (j < n && cls[j] === cls[i] && diag[j] === diag[i] && text[j] !== '\n' && text[i] !== '\n') j++;
    const chunk = i < text.length ? text.slice(i, j) : ' ';
    const d = diag[i];
    let piece = `<span class="${cls[i] ?? ''}">${escape(chunk)}</span>`;
    if (d) piece = `<span class="diag diag-${d.severity}" data-line="${d.line}" data-column="${d.column}" title="${escape(`${d.line}:${d.column} ${d.code} ${d.message}`).replace(/"/g, '&quot;')}">${piece}</span>`;
    html += piece;
    i = j;
  }
  return html + '\n';
}
