// Shared UI plumbing: preact + htm (served from node_modules by kqlwatch serve, no build step), the API client
// (token from ?token= kept in sessionStorage, sent as Authorization: Bearer), hash routing and small formatters.
import { h, render } from '/vendor/preact.mjs';
import { useCallback, useEffect, useMemo, useRef, useState } from '/vendor/preact-hooks.mjs';
import htm from '/vendor/htm.mjs';

export const html = htm.bind(h);
export { render, useCallback, useEffect, useMemo, useRef, useState };

const params = new URLSearchParams(location.search);
if (params.has('token')) {
  sessionStorage.setItem('kqlwatch-token', params.get('token'));
  params.delete('token');
  history.replaceState(null, '', location.pathname + (params.size ? `?${params}` : '') + location.hash);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Calls the API; JSON in and out. A non-2xx answer throws ApiError with the server's message and body. */
export async function api(path, { method = 'GET', body, raw, headers = {} } = {}) {
  const token = sessionStorage.getItem('kqlwatch-token');
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (raw !== undefined) {
    init.body = raw;
    init.headers['content-type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(`/api${path}`, init);
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (res.status === 401) {
    const t = prompt('This kqlwatch server needs its token:');
    if (t) {
      sessionStorage.setItem('kqlwatch-token', t);
      return api(path, { method, body, raw, headers });
    }
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** The current route: '#/incidents/3?x=1' → { path: ['incidents', '3'], query: URLSearchParams }. */
export function useRoute() {
  const read = () => {
    const [p, q] = (location.hash.replace(/^#\/?/, '') || 'incidents').split('?');
    return { path: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q ?? '') };
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(hash) {
  location.hash = hash;
}

/** Loads data from the API; reload() fetches again. */
export function useApi(path, deps = [path]) {
  const [state, setState] = useState({ loading: true, data: null, error: null });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    if (path === null) return undefined;
    setState((s) => ({ ...s, loading: true }));
    api(path).then((data) => live && setState({ loading: false, data, error: null }),
      (error) => live && setState({ loading: false, data: null, error }));
    return () => { live = false; };
  }, [...deps, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { ...state, reload };
}

export const when = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '');
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'];
export const STATUSES = ['New', 'Active', 'Closed'];

export function Severity({ value }) {
  return html`<span class=${`sev sev-${String(value).toLowerCase()}`}>${value}</span>`;
}
export function Status({ value }) {
  return html`<span class=${`status status-${String(value).toLowerCase()}`}>${value}</span>`;
}
export function ErrorBox({ error }) {
  return error ? html`<div class="error" role="alert">${error.message}</div>` : null;
}

/** A KQL string literal. */
export const kqlString = (s) => '"' + String(s).replace(/[\\"]/g, (c) => '\\' + c).replace(/\n/g, '\\n') + '"';
