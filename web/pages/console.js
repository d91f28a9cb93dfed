// The KQL console: an editor with highlighting and the parser's diagnostics marked at their position, a schema
// browser (tables and columns; click to insert), a results grid, CSV/JSON export and a query history kept in this
// browser. Ctrl+Enter runs. A hunt pivot from an incident arrives as ?q=.
import { ErrorBox, api, html, useEffect, useMemo, useRef, useState } from '../lib.js';
import { highlight } from '../kql-highlight.js';

const HISTORY_KEY = 'kqlwatch-history';
const history = () => JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');

function download(name, type, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const cellText = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const csvField = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function toCsv(result) {
  return [result.columns.map((c) => csvField(c.name)).join(','), ...result.rows.map((r) => r.map((v) => csvField(cellText(v))).join(','))].join('\r\n') + '\r\n';
}
const toJson = (result) => JSON.stringify(result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c.name, r[i]]))), null, 2);

function SchemaBrowser({ tables, onInsert }) {
  const [open, setOpen] = useState(null);
  const [filter, setFilter] = useState('');
  const shown = tables.filter((t) => t.name.toLowerCase().includes(filter.toLowerCase()));
  return html`
    <aside class="schema">
      <h3>Tables</h3>
      <input type="search" placeholder="Filter tables" value=${filter} onInput=${(e) => setFilter(e.target.value)} />
      <ul>${shown.map((t) => html`
        <li class=${t.rows > 0 ? '' : 'empty-table'}>
          <span class="toggle" onClick=${() => setOpen(open === t.name ? null : t.name)}>${open === t.name ? '▾' : '▸'}</span>
          <a onClick=${() => onInsert(t.name)} title="Insert">${t.name}</a> <span class="muted">${t.rows.toLocaleString()}</span>
          ${open === t.name ? html`<ul class="columns">${t.columns.map((c) => html`
            <li><a onClick=${() => onInsert(c.name)}>${c.name}</a> <span class="muted">${c.type}</span></li>`)}</ul>` : ''}
        </li>`)}</ul>
    </aside>`;
}

function ResultsGrid({ result }) {
  const [sort, setSort] = useState(null);
  const rows = useMemo(() => {
    if (!sort) return result.rows;
    const [i, dir] = sort;
    return [...result.rows].sort((a, b) => {
      const x = a[i];
      const y = b[i];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : cellText(x).localeCompare(cellText(y));
      return dir * c;
    });
  }, [result, sort]);
  return html`
    <div class="scroll results"><table class="grid">
      <thead><tr>${result.columns.map((c, i) => html`
        <th class="sortable" title=${c.type} onClick=${() => setSort(sort?.[0] === i ? [i, -sort[1]] : [i, 1])}>
          ${c.name}${sort?.[0] === i ? (sort[1] > 0 ? ' ▲' : ' ▼') : ''}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>${r.map((v) => html`<td>${v === null ? html`<span class="muted">null</span>` : cellText(v)}</td>`)}</tr>`)}</tbody>
    </table></div>`;
}

export function ConsolePage({ query }) {
  const [text, setText] = useState(query ?? history()[0] ?? 'SigninLogs\n| take 10');
  const [result, setResult] = useState(null);
  const [diagnostics, setDiagnostics] = useState([]);
  const [error, setError] = useState(null);
  const [running, setRunning] = useState(false);
  const [tables, setTables] = useState([]);
  const [past, setPast] = useState(history);
  const editor = useRef(null);
  const layer = useRef(null);

  useEffect(() => {
    if (query) setText(query);
  }, [query]);
  useEffect(() => {
    api('/schema').then((s) => setTables(s.tables), setError);
  }, []);
  const tableNames = useMemo(() => new Set(tables.map((t) => t.name)), [tables]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const r = await api('/query', { method: 'POST', body: { query: text } });
      setResult(r);
      setDiagnostics(r.diagnostics ?? []);
      const h = [text, ...history().filter((q) => q !== text)].slice(0, 50);
      localStorage.setItem(HISTORY_KEY, JSON.stringify(h));
      setPast(h);
    } catch (e) {
      setResult(null);
      setDiagnostics(e.body?.diagnostics ?? []);
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const onKey = (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const t = e.target;
      const s = t.selectionStart;
      setText(text.slice(0, s) + '  ' + text.slice(t.selectionEnd));
      requestAnimationFrame(() => { t.selectionStart = t.selectionEnd = s + 2; });
    }
  };
  const insert = (word) => {
    const t = editor.current;
    const s = t.selectionStart ?? text.length;
    setText(text.slice(0, s) + word + text.slice(t.selectionEnd ?? s));
    requestAnimationFrame(() => { t.focus(); t.selectionStart = t.selectionEnd = s + word.length; });
  };
  const goTo = (d) => {
    const t = editor.current;
    t.focus();
    t.selectionStart = d.start;
    t.selectionEnd = d.start + Math.max(d.length, 0);
  };
  const syncScroll = () => {
    layer.current.scrollTop = editor.current.scrollTop;
    layer.current.scrollLeft = editor.current.scrollLeft;
  };
  const edit = (e) => {
    setText(e.target.value);
    if (diagnostics.length) setDiagnostics([]);
  };

  return html`
    <section class="console">
      <${SchemaBrowser} tables=${tables} onInsert=${insert} />
      <div class="console-main">
        <div class="editor">
          <pre class="highlight" ref=${layer} aria-hidden="true" dangerouslySetInnerHTML=${{ __html: highlight(text, tableNames, diagnostics) }}></pre>
          <textarea ref=${editor} spellcheck="false" aria-label="KQL query" value=${text} onInput=${edit} onKeyDown=${onKey} onScroll=${syncScroll}></textarea>
        </div>
        <div class="toolbar">
          <button class="primary" onClick=${run} disabled=${running}>${running ? 'Running…' : 'Run (Ctrl+Enter)'}</button>
          ${result ? html`
            <span class="muted">${result.rows.length.toLocaleString()} rows${result.truncated ? ` (first ${result.maxRows})` : ''} · ${result.ms} ms</span>
            <button onClick=${() => download('kqlwatch-result.csv', 'text/csv', toCsv(result))}>Export CSV</button>
            <button onClick=${() => download('kqlwatch-result.json', 'application/json', toJson(result))}>Export JSON</button>` : ''}
          <select class="history" aria-label="History" value="" onChange=${(e) => { if (e.target.value !== '') setText(past[Number(e.target.value)]); }}>
            <option value="">History (${past.length})</option>
            ${past.map((q, i) => html`<option value=${i}>${q.replace(/\s+/g, ' ').slice(0, 90)}</option>`)}
          </select>
        </div>
        ${diagnostics.length > 0 ? html`
          <ul class="diagnostics">${diagnostics.map((d) => html`
            <li class=${`diag-${d.severity}`} onClick=${() => goTo(d)}><code>${d.line}:${d.column}</code> ${d.code} ${d.severity}: ${d.message}</li>`)}</ul>` : ''}
        ${error && diagnostics.length === 0 ? html`<${ErrorBox} error=${error} />` : ''}
        ${result ? html`<${ResultsGrid} result=${result} key=${result} />` : ''}
      </div>
    </section>`;
}
