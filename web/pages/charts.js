// Charts: alerts and incidents over time (bars per bin) and alerts per rule (horizontal bars), drawn as SVG.
import { ErrorBox, html, useApi, useState, when } from '../lib.js';

function TimeBars({ title, series, cls }) {
  if (series.length === 0) return html`<div class="chart"><h3>${title}</h3><p class="muted">Nothing yet.</p></div>`;
  const W = 900;
  const H = 180;
  const max = Math.max(...series.map((s) => s.count));
  const w = W / series.length;
  return html`
    <div class="chart"><h3>${title}</h3>
      <svg viewBox=${`0 0 ${W} ${H + 30}`} role="img" aria-label=${title}>
        ${series.map((s, i) => {
          const h = Math.max(1, (s.count / max) * H);
          return html`<rect class=${cls} x=${i * w + 1} y=${H - h} width=${Math.max(1, w - 2)} height=${h}><title>${when(s.t)}: ${s.count}</title></rect>`;
        })}
        <text x="0" y=${H + 16}>${when(series[0].t)}</text>
        <text x=${W} y=${H + 16} text-anchor="end">${when(series.at(-1).t)}</text>
        <text x="0" y="10">max ${max}</text>
      </svg></div>`;
}

function RuleBars({ rows }) {
  if (rows.length === 0) return html`<div class="chart"><h3>Alerts per rule</h3><p class="muted">Nothing yet.</p></div>`;
  const max = Math.max(...rows.map((r) => r.count));
  const row = 26;
  return html`
    <div class="chart"><h3>Alerts per rule</h3>
      <svg viewBox=${`0 0 900 ${rows.length * row}`} role="img" aria-label="Alerts per rule">
        ${rows.map((r, i) => html`
          <text x="0" y=${i * row + 17}>${String(r.ruleName).slice(0, 60)}</text>
          <rect class="bar" x="420" y=${i * row + 5} width=${Math.max(2, (r.count / max) * 420)} height="16"><title>${r.count}</title></rect>
          <text x=${424 + (r.count / max) * 420} y=${i * row + 17}>${r.count}</text>`)}
      </svg></div>`;
}

export function ChartsPage() {
  const [bin, setBin] = useState('1h');
  const { data, error } = useApi(`/stats?bin=${bin}`);
  return html`
    <section>
      <h1>Charts</h1>
      <label>Bin <select value=${bin} onChange=${(e) => setBin(e.target.value)}>
        ${['15m', '1h', '6h', '1d'].map((b) => html`<option value=${b}>${b}</option>`)}</select></label>
      <${ErrorBox} error=${error} />
      ${data ? html`
        <${TimeBars} title="Alerts over time" series=${data.alertsOverTime} cls="bar" />
        <${TimeBars} title="Incidents created over time" series=${data.incidentsOverTime} cls="bar2" />
        <${RuleBars} rows=${data.alertsPerRule} />` : ''}
    </section>`;
}
