// Ingest: drop an export (or pick it), watch the upload and load progress, then see the summary per table and the
// records that were set aside with their line and reason.
import { ErrorBox, api, html, useEffect, useState } from '../lib.js';

export function IngestPage() {
  const [over, setOver] = useState(false);
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  const [table, setTable] = useState('');
  const [tables, setTables] = useState([]);
  useEffect(() => {
    api('/schema').then((s) => setTables(s.tables.map((t) => t.name).sort()), () => {});
  }, []);
  useEffect(() => {
    if (!job || job.state !== 'running') return undefined;
    const t = setTimeout(() => api(`/ingest/jobs/${job.id}`).then(setJob, setError), 300);
    return () => clearTimeout(t);
  }, [job]);

  const upload = async (file) => {
    setError(null);
    setJob({ state: 'uploading', file: file.name });
    try {
      const q = new URLSearchParams({ filename: file.name });
      if (table) q.set('table', table);
      setJob(await api(`/ingest?${q}`, { method: 'POST', raw: file }));
    } catch (e) {
      setJob(null);
      setError(e);
    }
  };
  const onDrop = (e) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) upload(f);
  };
  const p = job?.progress;
  return html`
    <section class="ingest">
      <h1>Ingest</h1>
      <p class="muted">Entra ID diagnostic-settings exports, Microsoft Graph pages, Log Analytics CSV/JSON, NDJSON, Parquet, STIX, indicator CSV; gzip or not. Table-shaped rows need a table.</p>
      <label>Table for table-shaped rows <select value=${table} onChange=${(e) => setTable(e.target.value)}>
        <option value="">(detect)</option>${tables.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <div class=${`dropzone ${over ? 'over' : ''}`} onDragOver=${(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave=${() => setOver(false)} onDrop=${onDrop}>
        <p>Drop an export here, or</p>
        <input type="file" aria-label="Export file" onChange=${(e) => e.target.files[0] && upload(e.target.files[0])} />
      </div>
      <${ErrorBox} error=${error} />
      ${job ? html`
        <div class="card job" data-state=${job.state}>
          <h3>${job.file}: ${job.state}</h3>
          ${job.state === 'uploading' ? html`<progress></progress>` : ''}
          ${job.state === 'running' ? html`<progress value=${p?.bytesRead ?? 0} max=${p?.size || 1}></progress>
            <p class="muted">${p ? `${p.rows.toLocaleString()} rows, ${p.rejected} set aside` : 'starting…'}</p>` : ''}
          ${job.error ? html`<div class="error">${job.error}</div>` : ''}
          ${job.summary ? html`
            <p class="summary"><strong>${job.summary.totalRows.toLocaleString()}</strong> rows stored, <strong>${job.summary.rejected}</strong> records set aside, ${job.summary.ms} ms.</p>
            <table class="grid"><thead><tr><th>Table</th><th>Rows</th></tr></thead>
              <tbody>${Object.entries(job.summary.rows).map(([t, n]) => html`<tr><td><a href=${`#/console?q=${encodeURIComponent(`${t}\n| take 100`)}`}>${t}</a></td><td class="num">${n}</td></tr>`)}</tbody></table>
            <p class="muted">${job.summary.files.map((f) => `${f.file}: ${f.format}, ${f.status}`).join('; ')}</p>` : ''}
          ${job.rejected?.length ? html`
            <h4>Set aside</h4>
            <table class="grid rejected"><thead><tr><th>Line</th><th>Reason</th><th>Record</th></tr></thead>
              <tbody>${job.rejected.map((r) => html`<tr><td class="num">${r.line}</td><td>${r.reason}</td><td><pre class="record">${r.record.slice(0, 400)}</pre></td></tr>`)}</tbody></table>` : ''}
        </div>` : ''}
    </section>`;
}
