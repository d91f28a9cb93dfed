// The incident queue: severity, status, title, owner, rule, first/last activity, alert count; filters (status,
// severity, rule, owner), search by user/IP/any entity, sortable columns, keyboard navigation
// (j/k or ↑/↓ to move, Enter to open, / to search). Filters live in the URL so the back button keeps them.
import { Severity, Status, ErrorBox, SEVERITIES, STATUSES, go, html, useApi, useEffect, useRef, useState, when } from '../lib.js';

const COLUMNS = [
  ['number', '#'], ['severity', 'Severity'], ['status', 'Status'], ['title', 'Title'], [null, 'Users'], ['owner', 'Owner'], ['rule', 'Rule'],
  ['firstActivityTime', 'First activity'], ['lastActivityTime', 'Last activity'], ['alertCount', 'Alerts'],
];

/** Who the incident is about: its Account entities, the first two by name. */
function users(i) {
  const names = i.entities.filter((e) => e.type === 'Account')
    .map((e) => e.identifiers.FullName ?? (e.identifiers.Name && e.identifiers.UPNSuffix ? `${e.identifiers.Name}@${e.identifiers.UPNSuffix}` : e.identifiers.Name ?? e.identifiers.AadUserId));
  return names.length <= 2 ? names.join(', ') : `${names.slice(0, 2).join(', ')} +${names.length - 2}`;
}

export function IncidentQueue({ query }) {
  const q = Object.fromEntries(query);
  const status = q.status ?? 'New,Active';
  const sort = q.sort ?? '-number';
  const set = (patch) => {
    const next = new URLSearchParams({ ...q, status, sort, ...patch });
    for (const [k, v] of [...next]) if (v === '' || v === undefined) next.delete(k);
    go(`#/incidents?${next}`);
  };
  const params = new URLSearchParams({ status, sort, limit: '200' });
  for (const k of ['severity', 'rule', 'owner', 'search']) if (q[k]) params.set(k, q[k]);
  const { data, error, loading, reload } = useApi(`/incidents?${params}`);
  // The scheduler keeps creating incidents: refresh the queue every 30 s.
  useEffect(() => {
    const t = setInterval(reload, 30_000);
    return () => clearInterval(t);
  }, [reload]);
  const [cursor, setCursor] = useState(0);
  const [search, setSearch] = useState(q.search ?? '');
  const searchRef = useRef(null);
  const rows = data?.incidents ?? [];

  useEffect(() => {
    const onKey = (e) => {
      if (e.target.matches('input, textarea, select')) {
        if (e.key === 'Escape') e.target.blur();
        return;
      }
      if (e.key === 'j' || e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (e.key === 'k' || e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter' && rows[cursor]) go(`#/incidents/${rows[cursor].number}`);
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [rows, cursor]);
  useEffect(() => {
    document.querySelector('tr.cursor')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const toggleSort = (key) => set({ sort: sort === `-${key}` ? key : `-${key}` });
  const facets = data?.facets ?? { owners: [], rules: [] };
  return html`
    <section class="queue">
      <h1>Incidents ${data ? html`<span class="muted">(${data.total})</span>` : ''}</h1>
      <form class="filters" onSubmit=${(e) => { e.preventDefault(); set({ search }); }}>
        <input ref=${searchRef} type="search" name="search" placeholder="Search user, IP, title… ( / )" value=${search}
          onInput=${(e) => setSearch(e.target.value)} aria-label="Search" />
        <select name="status" aria-label="Status" value=${status} onChange=${(e) => set({ status: e.target.value })}>
          <option value="New,Active">Open (New, Active)</option>
          ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
          <option value="New,Active,Closed">All</option>
        </select>
        <select name="severity" aria-label="Severity" value=${q.severity ?? ''} onChange=${(e) => set({ severity: e.target.value })}>
          <option value="">Any severity</option>
          ${SEVERITIES.map((s) => html`<option value=${s}>${s}</option>`)}
        </select>
        <select name="rule" aria-label="Rule" value=${q.rule ?? ''} onChange=${(e) => set({ rule: e.target.value })}>
          <option value="">Any rule</option>
          ${facets.rules.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
        </select>
        <select name="owner" aria-label="Owner" value=${q.owner ?? ''} onChange=${(e) => set({ owner: e.target.value })}>
          <option value="">Any owner</option>
          <option value="(unassigned)">Unassigned</option>
          ${facets.owners.map((o) => html`<option value=${o}>${o}</option>`)}
        </select>
        <button type="submit">Search</button>
        ${Object.keys(q).length > 0 ? html`<button type="button" class="link" onClick=${() => go('#/incidents')}>Clear</button>` : ''}
      </form>
      <${ErrorBox} error=${error} />
      <table class="grid incidents" aria-busy=${loading}>
        <thead><tr>${COLUMNS.map(([k, label]) => html`
          <th onClick=${() => k && toggleSort(k)} class=${k ? 'sortable' : ''} aria-sort=${sort === k ? 'ascending' : sort === `-${k}` ? 'descending' : 'none'}>
            ${label}${sort === k ? ' ▲' : sort === `-${k}` ? ' ▼' : ''}</th>`)}</tr></thead>
        <tbody>
          ${rows.map((i, n) => html`
            <tr class=${n === cursor ? 'cursor' : ''} data-number=${i.number} onClick=${() => go(`#/incidents/${i.number}`)}>
              <td>${i.number}</td><td><${Severity} value=${i.severity} /></td><td><${Status} value=${i.status} /></td>
              <td><a href=${`#/incidents/${i.number}`}>${i.title}</a></td><td class="users">${users(i)}</td><td>${i.owner ?? html`<span class="muted">—</span>`}</td>
              <td>${i.ruleName}</td><td class="time">${when(i.firstActivityTime)}</td><td class="time">${when(i.lastActivityTime)}</td>
              <td class="num">${i.alertCount}</td>
            </tr>`)}
          ${!loading && rows.length === 0 ? html`<tr><td colspan="10" class="muted empty">No incidents match.</td></tr>` : ''}
        </tbody>
      </table>
      <p class="muted hint">Keys: j/k or ↑/↓ move, Enter opens, / searches.</p>
    </section>`;
}
