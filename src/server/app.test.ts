/**
 * API tests, in-process through `createApp(ctx).request(...)` (no port): every endpoint, the token check, the host
 * and content-type guards, bad JSON, an oversized body, a query that times out, an upload ingested.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule } from '../index.js';
import { at, insertEvents, testRule, testStore } from '../scheduler/testing/fixtures.js';
import { createApp } from './app.js';
import { createServerContext, type ServerContextOptions } from './server-context.js';

const NOW = at('2026-05-01T13:00:00Z');

async function fixture(options: ServerContextOptions = {}) {
  const store = await testStore();
  await insertEvents(store, [
    { TimeGenerated: at('2026-05-01T11:30:00Z'), User: 'bob@contoso.com', IP: '203.0.113.5' },
    { TimeGenerated: at('2026-05-01T11:40:00Z'), User: 'eve@contoso.com', IP: '198.51.100.7' },
  ]);
  const rule = testRule({
    eventGroupingSettings: { aggregationKind: 'AlertPerResult' },
    entityMappings: [
      { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'User' }] },
      { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IP' }] },
    ],
    customDetails: { Who: 'User' },
  });
  await runRule(store, rule, at('2026-05-01T12:00:00Z'));
  const ctx = createServerContext(store, { rules: [rule], now: () => NOW, ...options });
  const app = createApp(ctx);
  const json = (path: string, init: RequestInit = {}) => app.request(path, init);
  const send = (path: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  return { store, ctx, app, json, send, close: () => store.close() };
}

test('incidents: list with filters, search, sort and paging', async () => {
  const f = await fixture();
  try {
    const r = await f.json('/api/incidents');
    assert.equal(r.status, 200);
    const body = await r.json() as { total: number; incidents: { number: number; ruleName: string; alertCount: number }[] };
    assert.equal(body.total, 2);
    assert.deepEqual(body.incidents.map((i) => i.number), [2, 1]);
    assert.equal(body.incidents[0]!.ruleName, 'Test rule');
    const search = await (await f.json('/api/incidents?search=198.51.100')).json() as { total: number };
    assert.equal(search.total, 1);
    const asc = await (await f.json('/api/incidents?sort=number&limit=1&offset=1')).json() as { incidents: { number: number }[] };
    assert.deepEqual(asc.incidents.map((i) => i.number), [2]);
    assert.equal(((await (await f.json('/api/incidents?status=Closed')).json()) as { total: number }).total, 0);
    assert.equal((await f.json('/api/incidents?sort=bogus')).status, 400);
  } finally {
    f.close();
  }
});

test('incident detail: alerts, entities, evidence rows, custom details, tactics', async () => {
  const f = await fixture();
  try {
    const r = await f.json('/api/incidents/1');
    assert.equal(r.status, 200);
    const i = await r.json() as {
      entities: { type: string }[]; tactics: string[];
      alerts: { evidence: Record<string, unknown>[]; customDetails: Record<string, unknown>; entities: unknown[] }[];
    };
    assert.deepEqual(i.entities.map((e) => e.type).sort(), ['Account', 'IP']);
    assert.deepEqual(i.tactics, ['CredentialAccess']);
    assert.equal(i.alerts.length, 1);
    assert.equal(i.alerts[0]!.evidence.length, 1);
    assert.equal(i.alerts[0]!.evidence[0]!.User, 'bob@contoso.com');
    assert.deepEqual(i.alerts[0]!.customDetails, { Who: ['bob@contoso.com'] });
    assert.equal((await f.json('/api/incidents/99')).status, 404);
  } finally {
    f.close();
  }
});

test('incident changes: assign, activate, close with classification; bad input is a JSON 400', async () => {
  const f = await fixture();
  try {
    let r = await f.send('/api/incidents/1', 'PATCH', { owner: 'ana@contoso.com', status: 'Active' });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json().then((b) => [(b as { owner: string }).owner, (b as { status: string }).status]), ['ana@contoso.com', 'Active']);
    r = await f.send('/api/incidents/1', 'PATCH', { status: 'Closed', classification: 'TruePositive', comment: 'tokens revoked' });
    assert.equal(r.status, 200);
    const closed = await r.json() as { status: string; classification: string; classificationComment: string };
    assert.deepEqual([closed.status, closed.classification, closed.classificationComment], ['Closed', 'TruePositive', 'tokens revoked']);
    const list = await (await f.json('/api/incidents?status=New,Active')).json() as { total: number };
    assert.equal(list.total, 1);
    r = await f.send('/api/incidents/1', 'PATCH', { status: 'Closed' });
    assert.equal(r.status, 400);
    assert.match(((await r.json()) as { error: string }).error, /classification/);
    r = await f.send('/api/incidents/2', 'PATCH', { status: 'Closed', classification: 'FalsePositive', classificationReason: 'SuspiciousActivity' });
    assert.equal(r.status, 400);
    r = await f.app.request('/api/incidents/1', { method: 'PATCH', body: '{not json', headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 400);
    const err = await r.json() as { error: string; stack?: string };
    assert.match(err.error, /not valid JSON/);
    assert.equal(err.stack, undefined);
    assert.equal((await f.send('/api/incidents/77', 'PATCH', { owner: 'x' })).status, 404);
  } finally {
    f.close();
  }
});

test('alerts, rules (enable/disable, runs), health, stats, schema, openapi', async () => {
  const f = await fixture();
  try {
    const alerts = await (await f.json('/api/alerts?rule=rule-1')).json() as { alerts: unknown[] };
    assert.equal(alerts.alerts.length, 2);
    assert.equal((await f.json('/api/alerts?severity=Huge')).status, 400);
    const rules = await (await f.json('/api/rules')).json() as { rules: { id: string; enabled: boolean; queryFrequency: string; lastRun: { rowsReturned: number } }[] };
    assert.equal(rules.rules[0]!.queryFrequency, '1h');
    assert.equal(rules.rules[0]!.lastRun.rowsReturned, 2);
    const off = await f.send('/api/rules/rule-1', 'PATCH', { enabled: false });
    assert.equal(off.status, 200);
    assert.equal(((await off.json()) as { enabled: boolean }).enabled, false);
    const one = await (await f.json('/api/rules/rule-1')).json() as { enabled: boolean; runs: unknown[] };
    assert.equal(one.enabled, false);
    assert.equal(one.runs.length, 1);
    assert.equal((await f.json('/api/rules/nope')).status, 404);
    const health = await (await f.json('/api/health')).json() as { status: string; rules: { total: number; enabled: number } };
    assert.deepEqual([health.status, health.rules.total, health.rules.enabled], ['ok', 1, 0]);
    const stats = await (await f.json('/api/stats?bin=1h')).json() as { alertsOverTime: { count: number }[]; alertsPerRule: { count: number }[] };
    assert.equal(stats.alertsOverTime[0]!.count, 2);
    assert.equal(stats.alertsPerRule[0]!.count, 2);
    assert.equal((await f.json('/api/stats?bin=banana')).status, 400);
    const schema = await (await f.json('/api/schema')).json() as { tables: { name: string; rows: number }[] };
    assert.ok(schema.tables.some((t) => t.name === 'Events' && t.rows === 2));
    const doc = await (await f.json('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/incidents', '/api/incidents/{number}', '/api/alerts', '/api/rules', '/api/rules/{id}', '/api/query', '/api/schema', '/api/ingest', '/api/health']) {
      assert.ok(doc.paths[p], p);
    }
    const missing = await f.json('/api/nothing');
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /no API endpoint/);
  } finally {
    f.close();
  }
});

test('KQL query: rows, diagnostics at line:column, row cap, timeout', async () => {
  const f = await fixture({ limits: { queryMaxRows: 1, queryTimeoutMs: 5000 } });
  try {
    let r = await f.send('/api/query', 'POST', { query: 'Events | project User, IP | sort by User asc' });
    assert.equal(r.status, 200);
    const ok = await r.json() as { columns: { name: string }[]; rows: unknown[][]; truncated: boolean };
    assert.deepEqual(ok.columns.map((c) => c.name), ['User', 'IP']);
    assert.deepEqual(ok.rows, [['bob@contoso.com', '203.0.113.5']]);
    assert.equal(ok.truncated, true);
    r = await f.send('/api/query', 'POST', { query: 'Events\n| where Nope == 1' });
    assert.equal(r.status, 400);
    const bad = await r.json() as { error: string; diagnostics: { line: number; column: number }[] };
    assert.equal(bad.diagnostics[0]!.line, 2);
    assert.equal(bad.diagnostics[0]!.column, 9);
    assert.equal((await f.send('/api/query', 'POST', { nope: 1 })).status, 400);
  } finally {
    f.close();
  }
});

test('KQL query: a query that runs past the timeout is interrupted with a 408', async () => {
  const f = await fixture({ limits: { queryTimeoutMs: 300 } });
  try {
    const r = await f.send('/api/query', 'POST', { query: 'range x from 1 to 5000000000 step 1 | summarize count() by x % 1000003 | count' });
    assert.equal(r.status, 408);
    assert.match(((await r.json()) as { error: string }).error, /longer than/);
    // The connection is usable again afterwards.
    assert.equal((await f.send('/api/query', 'POST', { query: 'Events | count' })).status, 200);
  } finally {
    f.close();
  }
});

test('guards: token in constant time, host check, form content types refused, oversized body', async () => {
  const token = 'a-long-enough-secret-token';
  const f = await fixture({ token, allowedHosts: ['localhost', '127.0.0.1'], limits: { jsonBodyBytes: 1000 } });
  try {
    const h = { host: 'localhost:8080' };
    assert.equal((await f.json('/api/health', { headers: h })).status, 401);
    assert.equal((await f.json('/api/health', { headers: { ...h, authorization: 'Bearer wrong' } })).status, 401);
    assert.equal((await f.json('/api/health', { headers: { ...h, authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await f.json('/api/health', { headers: { host: 'evil.example:8080', authorization: `Bearer ${token}` } })).status, 403);
    const auth = { ...h, authorization: `Bearer ${token}` };
    const form = await f.app.request('/api/incidents/1', { method: 'PATCH', body: 'owner=x', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    const big = await f.send('/api/query', 'POST', { query: 'Events | take 1 // ' + 'x'.repeat(5000) }, auth);
    assert.equal(big.status, 413);
    assert.match(((await big.json()) as { error: string }).error, /larger than/);
    // The UI's static files carry no data and need no token.
    assert.equal((await f.json('/', { headers: h })).status, 200);
  } finally {
    f.close();
  }
});

test('ingest: an uploaded NDJSON file is loaded; the summary and rejected records come back', async () => {
  const f = await fixture();
  try {
    const text = [
      JSON.stringify({ TimeGenerated: '2026-05-01T12:30:00Z', User: 'zoe@contoso.com', IP: '192.0.2.1' }),
      '{broken',
    ].join('\n') + '\n';
    const r = await f.app.request('/api/ingest?filename=events.ndjson&table=Events&wait=true', {
      method: 'POST', body: text, headers: { 'content-type': 'application/octet-stream' },
    });
    const job = await r.json() as { state: string; summary: { totalRows: number; rejected: number }; rejected: { line: number }[]; error: string | null };
    assert.equal(job.state, 'done', job.error ?? '');
    assert.equal(job.summary.totalRows, 1);
    assert.equal(job.summary.rejected, 1);
    assert.equal(job.rejected[0]!.line, 2);
    const q = await (await f.send('/api/query', 'POST', { query: 'Events | where User == "zoe@contoso.com" | count' })).json() as { rows: unknown[][] };
    assert.deepEqual(q.rows, [[1]]);
    assert.equal((await f.app.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/octet-stream' } })).status, 400);
  } finally {
    f.close();
  }
});

test('ingest: a job reports progress then its summary; an oversized upload is refused with 413', async () => {
  const f = await fixture({ limits: { uploadBytes: 2000 } });
  try {
    const body = JSON.stringify({ TimeGenerated: '2026-05-01T12:30:00Z', User: 'amy@contoso.com', IP: '192.0.2.9' }) + '\n';
    const r = await f.app.request('/api/ingest?filename=one.ndjson&table=Events', {
      method: 'POST', body, headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(r.status, 202);
    const { id } = await r.json() as { id: string };
    let job: { state: string; summary: { totalRows: number } | null } = { state: 'running', summary: null };
    for (let i = 0; i < 100 && job.state === 'running'; i++) {
      await new Promise((res) => setTimeout(res, 20));
      job = await (await f.json(`/api/ingest/jobs/${id}`)).json() as typeof job;
    }
    assert.equal(job.state, 'done');
    assert.equal(job.summary!.totalRows, 1);
    assert.equal((await f.json('/api/ingest/jobs/999')).status, 404);
    const jobs = await (await f.json('/api/ingest/jobs')).json() as { jobs: { id: string; file: string }[] };
    assert.deepEqual(jobs.jobs.map((j) => [j.id, j.file]), [[id, 'one.ndjson']]);
    const big = await f.app.request('/api/ingest?filename=big.ndjson&table=Events', {
      method: 'POST', body: body.repeat(100), headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(big.status, 413);
    assert.equal((await f.app.request('/api/ingest?format=nope', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } })).status, 400);
  } finally {
    f.close();
  }
});
