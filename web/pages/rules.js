// Rules: each rule's schedule, enabled switch (stored in the database), validation and lint issues with file:line,
// and its run records — rows returned, triggered or not, alerts, caps, failures — to answer "why did it not fire?".
import { ErrorBox, Severity, api, html, useApi, useState, when } from '../lib.js';

function Issues({ issues }) {
  if (issues.length === 0) return html`<span class="muted">no issues</span>`;
  return html`<ul class="issues">${issues.map((i) => html`
    <li class=${`${i.severity}-issue`}>${i.severity} ${i.code}${i.line ? ` (line ${i.line})` : ''}${i.field ? ` ${i.field}` : ''}: ${i.message}</li>`)}</ul>`;
}

function why(r) {
  if (r.status === 'Failure') return `failed: ${r.error}`;
  if (r.status === 'Suppressed') return 'suppressed (an alert was raised within the suppression duration)';
  if (!r.triggered) return `not triggered: ${r.rowsReturned} rows did not meet the threshold`;
  return `${r.alertsCreated} alerts`;
}

function Runs({ id }) {
  const { data, error } = useApi(`/rules/${encodeURIComponent(id)}?runs=100`);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<p class="muted">Loading runs…</p>`;
  return html`
    <div class="card">
      <h3>${data.name}</h3>
      <p class="muted">${data.file}</p>
      <pre class="record">${data.query}</pre>
      <p><a href=${`#/console?q=${encodeURIComponent(data.query)}`}>Open the query in the console</a></p>
      <h4>Run records (newest first)</h4>
      <div class="scroll"><table class="grid runs">
        <thead><tr><th>Scheduled</th><th>Window</th><th>Status</th><th>Rows</th><th>Outcome</th><th>Incidents</th><th>Notes</th><th>ms</th></tr></thead>
        <tbody>${data.runs.map((r) => html`<tr>
          <td class="time">${when(r.scheduledTime)}</td><td class="time">${when(r.windowStart)} → ${when(r.windowEnd)}</td>
          <td>${r.status}</td><td class="num">${r.rowsReturned}</td><td>${why(r)}</td>
          <td>${r.incidentsCreated ? `+${r.incidentsCreated}` : ''}${r.incidentsUpdated ? ` ~${r.incidentsUpdated}` : ''}</td>
          <td>${[...r.notes, r.rowsCutByCaps ? `${r.rowsCutByCaps} rows over the alert cap` : '', r.entitiesDropped ? `${r.entitiesDropped} entities dropped` : ''].filter(Boolean).join('; ')}</td>
          <td class="num">${Math.round(r.durationMs)}</td></tr>`)}
          ${data.runs.length === 0 ? html`<tr><td colspan="8" class="muted">Not run yet.</td></tr>` : ''}
        </tbody></table></div>
    </div>`;
}

export function RulesPage({ id }) {
  const { data, error, reload } = useApi('/rules');
  const [actionError, setActionError] = useState(null);
  const toggle = async (rule) => {
    try {
      await api(`/rules/${encodeURIComponent(rule.id)}`, { method: 'PATCH', body: { enabled: !rule.enabled } });
      reload();
    } catch (e) {
      setActionError(e);
    }
  };
  return html`
    <section class="rules">
      <h1>Rules</h1>
      <${ErrorBox} error=${error ?? actionError} />
      ${data?.loadIssues?.length ? html`<div class="card"><h3>Files that did not load</h3><${Issues} issues=${data.loadIssues} /></div>` : ''}
      <table class="grid">
        <thead><tr><th>Enabled</th><th>Rule</th><th>Severity</th><th>Kind</th><th>Every</th><th>Period</th><th>Trigger</th><th>Last run</th><th>Runs</th><th>Alerts</th><th>Lint</th></tr></thead>
        <tbody>${(data?.rules ?? []).map((r) => html`
          <tr class=${id === r.id ? 'cursor' : ''}>
            <td><label><input type="checkbox" checked=${r.enabled} onChange=${() => toggle(r)} aria-label=${`Enable ${r.name}`} /></label></td>
            <td><a href=${`#/rules/${encodeURIComponent(r.id)}`}>${r.name}</a>${r.runnable ? '' : html` <span class="sev sev-high">cannot run</span>`}</td>
            <td><${Severity} value=${r.severity} /></td><td>${r.kind}</td><td>${r.queryFrequency}</td><td>${r.queryPeriod}</td>
            <td>${r.triggerOperator} ${r.triggerThreshold}</td>
            <td>${r.lastRun ? html`<span class="time">${when(r.lastRun.scheduledTime)}</span><br /><span class="muted">${why(r.lastRun)}</span>` : html`<span class="muted">never</span>`}</td>
            <td class="num">${r.runCount}</td><td class="num">${r.alertsCreated}</td>
            <td><${Issues} issues=${r.issues} /></td>
          </tr>`)}</tbody>
      </table>
      ${id ? html`<h2>Runs</h2><${Runs} id=${id} key=${id} />` : html`<p class="muted">Open a rule to see its run records.</p>`}
    </section>`;
}
