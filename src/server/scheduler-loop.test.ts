/**
 * The live scheduler loop runs due slots through runDueRules on the context's clock, records what it did for
 * /api/health, and skips disabled rules.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listRuns } from '../index.js';
import { at, insertEvents, testRule, testStore } from '../scheduler/testing/fixtures.js';
import { createServerContext } from './server-context.js';
import { startSchedulerLoop } from './scheduler-loop.js';

test('a tick runs the due slot once; a disabled rule does not run', async () => {
  const store = await testStore();
  try {
    await insertEvents(store, [{ TimeGenerated: at('2026-05-01T11:30:00Z'), User: 'bob@contoso.com', IP: '203.0.113.5' }]);
    let now = at('2026-05-01T12:00:30Z');
    const ctx = createServerContext(store, { rules: [testRule(), testRule({ id: 'rule-2', name: 'Other' })], now: () => now });
    assert.equal(await ctx.setRuleEnabled('rule-2', false), true);
    const loop = startSchedulerLoop(ctx, 3_600_000);
    try {
      await loop.tick();
      await loop.tick();
      const runs = await listRuns(store);
      assert.deepEqual(runs.map((r) => [r.ruleId, r.scheduledTime.toISOString(), r.alertsCreated]), [['rule-1', '2026-05-01T12:00:00.000Z', 1]]);
      assert.equal(ctx.scheduler.runs, 1);
      assert.equal(ctx.scheduler.lastError, null);
      assert.equal(ctx.scheduler.running, true);
      now = at('2026-05-01T13:00:10Z');
      await loop.tick();
      assert.equal((await listRuns(store)).length, 2);
    } finally {
      loop.stop();
    }
    assert.equal(ctx.scheduler.running, false);
  } finally {
    store.close();
  }
});
