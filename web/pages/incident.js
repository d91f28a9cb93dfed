// One incident: header and actions (assign, set status, close with classification and comment), MITRE tactics and
// techniques, entity cards each with a "hunt" pivot into the KQL console, and the alert timeline with each alert's
// custom details and evidence rows (the result rows that made it).
import { ErrorBox, Severity, Status, api, go, html, kqlString, useApi, useState, when } from '../lib.js';

const CLASSIFICATIONS = {
  TruePositive: ['SuspiciousActivity'],
  BenignPositive: ['SuspiciousButExpected'],
  FalsePositive: ['IncorrectAlertLogic', 'InaccurateData'],
  Undetermined: [],
};

const SIGNIN = 'union SigninLogs, AADNonInteractiveUserSignInLogs';
const day = 24 * 3600 * 1000;
const range = (i) => {
  const from = new Date(Date.parse(i.firstActivityTime) - day).toISOString();
  const to = new Date(Date.parse(i.lastActivityTime) + day).toISOString();
  return `| where TimeGenerated between (datetime(${from}) .. datetime(${to}))`;
};
const SIGNIN_COLUMNS = '| project TimeGenerated, UserPrincipalName, IPAddress, AppDisplayName, ResultType, UserAgent, Location\n| sort by TimeGenerated desc\n| take 500';

/** A prepared console query for one entity: its sign-ins around the incident. */
export function huntQuery(entity, incident) {
  const id = entity.identifiers;
  const lines = [SIGNIN, range(incident)];
  switch (entity.type) {
    case 'Account': {
      const upn = id.FullName ?? (id.Name && id.UPNSuffix ? `${id.Name}@${id.UPNSuffix}` : undefined);
      if (upn) lines.push(`| where UserPrincipalName =~ ${kqlString(upn)}`);
      else if (id.AadUserId) lines.push(`| where UserId == ${kqlString(id.AadUserId)}`);
      else lines.push(`| where UserPrincipalName has ${kqlString(id.Name ?? '')}`);
      break;
    }
    case 'IP':
      lines.push(`| where IPAddress == ${kqlString(id.Address ?? '')}`);
      break;
    case 'CloudApplication':
      lines.push(id.AppId ? `| where AppId == ${kqlString(id.AppId)}` : `| where AppDisplayName =~ ${kqlString(id.Name ?? '')}`);
      break;
    default: {
      const value = Object.values(id)[0] ?? '';
      return `SecurityAlert\n${range(incident)}\n| where Entities has ${kqlString(value)}\n| sort by TimeGenerated desc`;
    }
  }
  lines.push(SIGNIN_COLUMNS);
  return lines.join('\n');
}

function EntityCard({ entity, incident }) {
  const hunt = () => go(`#/console?q=${encodeURIComponent(huntQuery(entity, incident))}`);
  return html`
    <div class="card entity" data-type=${entity.type}>
      <div class="entity-type">${entity.type}</div>
      <dl>${Object.entries(entity.identifiers).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
      <button class="hunt" onClick=${hunt} title="Open the KQL console with a query for this entity">Hunt</button>
    </div>`;
}

function ValueCell({ v }) {
  if (v === null || v === undefined) return html`<span class="muted">null</span>`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function EvidenceTable({ rows }) {
  if (rows.length === 0) return html`<p class="muted">No evidence rows stored.</p>`;
  const cols = Object.keys(rows[0]);
  return html`
    <div class="scroll"><table class="grid evidence">
      <thead><tr>${cols.map((c) => html`<th>${c}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>${cols.map((c) => html`<td><${ValueCell} v=${r[c]} /></td>`)}</tr>`)}</tbody>
    </table></div>`;
}

function Alert({ alert, open }) {
  const [shown, setShown] = useState(open);
  const details = Object.entries(alert.customDetails ?? {});
  return html`
    <li class="alert">
      <div class="timeline-dot"></div>
      <div class="alert-head" onClick=${() => setShown(!shown)}>
        <span class="time">${when(alert.timeGenerated)}</span> <${Severity} value=${alert.severity} />
        <strong>${alert.displayName}</strong>
        <span class="muted"> events ${when(alert.startTime)} → ${when(alert.endTime)} · ${alert.evidence.length} evidence rows</span>
        <span class="toggle">${shown ? '▾' : '▸'}</span>
      </div>
      ${shown ? html`
        <div class="alert-body">
          ${alert.description ? html`<p>${alert.description}</p>` : ''}
          ${details.length > 0 ? html`
            <h4>Custom details</h4>
            <dl class="details">${details.map(([k, v]) => html`<dt>${k}</dt><dd>${Array.isArray(v) ? v.join(', ') : JSON.stringify(v)}</dd>`)}</dl>` : ''}
          <h4>Evidence</h4>
          <${EvidenceTable} rows=${alert.evidence} />
        </div>` : ''}
    </li>`;
}

function Actions({ incident, onChange }) {
  const [owner, setOwner] = useState(incident.owner ?? '');
  const [classification, setClassification] = useState('TruePositive');
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const patch = async (body) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/incidents/${incident.number}`, { method: 'PATCH', body });
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reasons = CLASSIFICATIONS[classification];
  return html`
    <div class="actions card">
      <form class="row" onSubmit=${(e) => { e.preventDefault(); patch({ owner }); }}>
        <label>Owner <input name="owner" value=${owner} onInput=${(e) => setOwner(e.target.value)} placeholder="analyst@contoso.com" /></label>
        <button type="submit" disabled=${busy}>Assign</button>
      </form>
      <div class="row">
        <span>Status</span>
        ${incident.status !== 'New' ? html`<button disabled=${busy} onClick=${() => patch({ status: 'New' })}>Set New</button>` : ''}
        ${incident.status !== 'Active' ? html`<button disabled=${busy} onClick=${() => patch({ status: 'Active' })}>${incident.status === 'Closed' ? 'Reopen' : 'Set Active'}</button>` : ''}
      </div>
      ${incident.status !== 'Closed' ? html`
        <form class="close-form" onSubmit=${(e) => { e.preventDefault(); patch({ status: 'Closed', classification, classificationReason: reason || undefined, comment }); }}>
          <label>Classification
            <select name="classification" value=${classification} onChange=${(e) => { setClassification(e.target.value); setReason(''); }}>
              ${Object.keys(CLASSIFICATIONS).map((c) => html`<option value=${c}>${c}</option>`)}
            </select></label>
          ${reasons.length > 1 ? html`<label>Reason <select name="reason" value=${reason} onChange=${(e) => setReason(e.target.value)}>
            ${reasons.map((r) => html`<option value=${r}>${r}</option>`)}</select></label>` : ''}
          <label class="grow">Comment <input name="comment" value=${comment} onInput=${(e) => setComment(e.target.value)} /></label>
          <button type="submit" class="danger" disabled=${busy}>Close incident</button>
        </form>` : html`<p>Closed as <strong>${incident.classification}</strong>${incident.classificationReason ? ` (${incident.classificationReason})` : ''}${incident.classificationComment ? `: “${incident.classificationComment}”` : ''}</p>`}
      <${ErrorBox} error=${error} />
    </div>`;
}

export function IncidentPage({ number }) {
  const { data: i, error, reload } = useApi(`/incidents/${encodeURIComponent(number)}`);
  if (error) return html`<p><a href="#/incidents">← Incidents</a></p><${ErrorBox} error=${error} />`;
  if (!i) return html`<p class="muted">Loading incident ${number}…</p>`;
  const alerts = [...i.alerts].sort((a, b) => String(a.timeGenerated).localeCompare(String(b.timeGenerated)));
  return html`
    <section class="incident">
      <p><a href="#/incidents">← Incidents</a></p>
      <h1>#${i.number} ${i.title}</h1>
      <div class="meta">
        <${Severity} value=${i.severity} /> <${Status} value=${i.status} />
        <span>Owner: <strong class="owner">${i.owner ?? 'unassigned'}</strong></span>
        <span>Rule: <a href=${`#/rules/${encodeURIComponent(i.ruleId)}`}>${i.ruleName}</a></span>
        <span>Activity ${when(i.firstActivityTime)} → ${when(i.lastActivityTime)}</span>
        <span>${i.alertCount} alerts</span>
      </div>
      ${i.description ? html`<p class="description">${i.description}</p>` : ''}
      <${Actions} incident=${i} onChange=${reload} key=${i.lastModifiedTime} />
      <h2>MITRE ATT&CK</h2>
      <div class="mitre">
        ${i.tactics.map((t) => html`<span class="tag tactic">${t}</span>`)}
        ${i.techniques.map((t) => html`<a class="tag technique" target="_blank" rel="noreferrer"
          href=${`https://attack.mitre.org/techniques/${t.replace('.', '/')}/`}>${t}</a>`)}
        ${i.tactics.length + i.techniques.length === 0 ? html`<span class="muted">None mapped.</span>` : ''}
      </div>
      <h2>Entities</h2>
      <div class="cards">${i.entities.map((e) => html`<${EntityCard} entity=${e} incident=${i} />`)}
        ${i.entities.length === 0 ? html`<span class="muted">No entities mapped.</span>` : ''}</div>
      <h2>Alerts</h2>
      <ol class="timeline">${alerts.map((a, n) => html`<${Alert} alert=${a} open=${n === 0} />`)}</ol>
    </section>`;
}
