// kqlwatch's browser UI: a hash-routed single page (#/incidents, #/incidents/N, #/console, #/rules, #/charts,
// #/ingest) over the JSON API. Plain ES modules with preact + htm; no build step (docs/decisions/0007).
import { html, render, useRoute } from './lib.js';
import { IncidentQueue } from './pages/queue.js';
import { IncidentPage } from './pages/incident.js';
import { ConsolePage } from './pages/console.js';
import { RulesPage } from './pages/rules.js';
import { ChartsPage } from './pages/charts.js';
import { IngestPage } from './pages/ingest.js';

const NAV = [
  ['incidents', 'Incidents'], ['console', 'KQL console'], ['rules', 'Rules'], ['charts', 'Charts'], ['ingest', 'Ingest'],
];

function App() {
  const route = useRoute();
  const [page, arg] = route.path;
  let body;
  if (page === 'incidents' && arg) body = html`<${IncidentPage} number=${arg} />`;
  else if (page === 'console') body = html`<${ConsolePage} query=${route.query.get('q')} />`;
  else if (page === 'rules') body = html`<${RulesPage} id=${arg} />`;
  else if (page === 'charts') body = html`<${ChartsPage} />`;
  else if (page === 'ingest') body = html`<${IngestPage} />`;
  else body = html`<${IncidentQueue} query=${route.query} />`;
  return html`
    <header class="top">
      <a class="brand" href="#/incidents">kqlwatch</a>
      <nav>${NAV.map(([k, label]) => html`<a href=${`#/${k}`} class=${page === k || (!page && k === 'incidents') ? 'active' : ''}>${label}</a>`)}</nav>
    </header>
    <main>${body}</main>`;
}

const root = document.getElementById('app');
root.textContent = ''; // the static "Loading…" placeholder
render(html`<${App} />`, root);
