/**
 * Runs the browser tests (ui-browser.ts) as part of `npm test` wherever Chromium is installed; CI installs it
 * (.ci/run), so there they always run. On a developer machine without Chromium they are reported as skipped,
 * with the command that installs it — never counted as passed.
 */
import { existsSync } from 'node:fs';
import { test } from 'node:test';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM) || process.env.CI) {
  await import('./ui-browser.js');
} else {
  test('browser tests of the UI', { skip: `no Chromium at ${CHROMIUM}: apt-get install -y chromium` }, () => {});
}
