/**
 * Browser tests of the UI (run by ui-browser.test.ts in `npm test` where Chromium is installed; they need Debian's Chromium,
 * `apt-get install chromium`, driven by playwright-core). A demo database (the simulator's tenant, the rule pack
 * replayed over its day) is served on a free port; the tests triage the queue, open and close an incident, run KQL,
 * see a broken query marked at its position, and upload an export. Each test saves a screenshot under
 * dist/screenshots/ (or $KQLWATCH_SCREENSHOTS).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadRules, openStore, replay, validateRule, writeSimulation, type Store } from '../index.js';
import { createApp } from './app.js';
import { createServerContext } from './server-context.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.KQLWATCH_SCREENSHOTS ?? 'dist/screenshots';
const NOW = new Date('2026-05-01T12:00:00Z');

let store: Store;
let browser: Browser;
let base: string;
let close: () => Promise<void>;

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(SHOTS, { recursive: true });
  store = await openStore(':memory:');
  await writeSimulation({ users: 100, days: 1, seed: 'ui', now: NOW }, { store });
  const rules = loadRules(['rules']).rules.filter((l) => validateRule(l).runnable).map((l) => l.rule);
  await replay(store, rules, new Date(NOW.getTime() - 24 * 3600_000), NOW);
  const ctx = createServerContext(store, { rulePaths: ['rules'], now: () => NOW });
  const app = createApp(ctx);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  close = async () => {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
    store.close();
  };
});

after(async () => close?.());

async function page(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  p.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return p;
}

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

test('queue → filter → incident (entities, evidence) → close → the queue changes', async () => {
  const p = await page();
  await p.goto(`${base}/#/incidents`);
  const rows = p.locator('table.incidents tbody tr[data-number]');
  await rows.first().waitFor();
  const openCount = await rows.count();
  assert.ok(openCount > 0);
  // Filter by the first incident's rule.
  const ruleSelect = p.locator('select[name=rule]');
  const ruleValue = await ruleSelect.locator('option').nth(1).getAttribute('value');
  await ruleSelect.selectOption(ruleValue!);
  await p.waitForFunction(() => location.hash.includes('rule='));
  await rows.first().waitFor();
  const filtered = await rows.count();
  assert.ok(filtered > 0 && filtered <= openCount);
  // Keyboard: j moves the cursor, Enter opens.
  await p.keyboard.press('j');
  const second = await p.locator('tr.cursor').getAttribute('data-number');
  await p.keyboard.press('k');
  const number = await p.locator('tr.cursor').getAttribute('data-number');
  assert.notEqual(second, null);
  await shot(p, 'queue-filtered');
  await p.keyboard.press('Enter');
  await p.waitForFunction((n) => location.hash === `#/incidents/${n}`, number);
  await p.locator('.entity').first().waitFor();
  assert.ok(await p.locator('.entity').count() > 0);
  await p.locator('table.evidence tbody tr').first().waitFor();
  assert.ok(await p.locator('table.evidence tbody tr').count() > 0);
  await shot(p, 'incident');
  await p.locator('select[name=classification]').selectOption('FalsePositive');
  await p.locator('input[name=comment]').fill('lab account, expected');
  await p.locator('button', { hasText: 'Close incident' }).click();
  await p.locator('.status-closed').first().waitFor();
  await shot(p, 'incident-closed');
  await p.goto(`${base}/#/incidents`);
  await rows.first().waitFor();
  assert.equal(await p.locator(`table.incidents tr[data-number="${number}"]`).count(), 0, 'the closed incident left the open queue');
  assert.equal(await rows.count(), openCount - 1);
  await p.close();
});

test('hunt pivot opens the console with a prepared query; rows come back', async () => {
  const p = await page();
  await p.goto(`${base}/#/incidents/1`);
  await p.locator('.entity button.hunt').first().click();
  await p.waitForFunction(() => location.hash.startsWith('#/console'));
  const text = await p.locator('.editor textarea').inputValue();
  assert.match(text, /SigninLogs/);
  await p.locator('button.primary').click();
  await p.locator('.results tbody tr').first().waitFor();
  await shot(p, 'console-hunt');
  await p.close();
});

test('console: a query returns rows; a broken query is marked at its position', async () => {
  const p = await page();
  await p.goto(`${base}/#/console`);
  const editor = p.locator('.editor textarea');
  await editor.fill('SigninLogs\n| summarize n = count() by UserPrincipalName\n| top 5 by n');
  await p.keyboard.press('Control+Enter');
  await p.locator('.results tbody tr').first().waitFor();
  assert.equal(await p.locator('.results tbody tr').count(), 5);
  await shot(p, 'console-rows');
  await editor.fill('SigninLogs\n| where NoSuchColumn == 1');
  await p.locator('button.primary').click();
  const mark = p.locator('.editor .diag').first();
  await mark.waitFor();
  assert.equal(await mark.getAttribute('data-line'), '2');
  assert.equal(await mark.getAttribute('data-column'), '9');
  assert.match(await mark.innerText(), /NoSuchColumn/);
  assert.match(await p.locator('ul.diagnostics li').first().innerText(), /^2:9/);
  await shot(p, 'console-error');
  await p.close();
});

test('ingest: upload a small export and see it loaded, with the rejected record', async () => {
  const p = await page();
  await p.goto(`${base}/#/ingest`);
  await p.locator('select').first().selectOption('SigninLogs');
  const lines = [
    JSON.stringify({ TimeGenerated: '2026-05-01T11:00:00Z', UserPrincipalName: 'upload@contoso.com', IPAddress: '192.0.2.44', ResultType: '0' }),
    '{not json',
  ];
  await p.locator('input[type=file]').setInputFiles({ name: 'small.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n') + '\n') });
  await p.locator('.job[data-state=done]').waitFor();
  assert.match(await p.locator('.summary').innerText(), /^1 rows stored, 1 records set aside/);
  assert.equal(await p.locator('table.rejected tbody tr').count(), 1);
  await shot(p, 'ingest');
  await p.close();
});

test('rules and charts pages render', async () => {
  const p = await page();
  await p.goto(`${base}/#/rules`);
  await p.locator('.rules tbody tr').first().waitFor();
  await p.locator('.rules tbody tr a').first().click();
  await p.locator('table.runs tbody tr').first().waitFor();
  await shot(p, 'rules');
  await p.goto(`${base}/#/charts`);
  await p.locator('.chart svg').first().waitFor();
  await shot(p, 'charts');
  await p.close();
});
