/**
 * An evaluation of the rule pack (rules/*.yaml) on a small simulated tenant (40 users, one day), replayed with the
 * scheduler: the counts are sane (each seed rule finds at least one attack; tp + fn is the number of labels that
 * expect the rule to fire), and every attack the labels predict the seed catches as written is a true positive.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRules } from '../rules/load-rules.js';
import type { Rule } from '../rules/model.js';
import { formatLabels, SEED_RULES } from '../sim/labels.js';
import { writeSimulation } from '../sim/write.js';
import { openStore } from '../store/store.js';
import { evaluateRules, openEvalStore, type Evaluation } from './evaluate-rules.js';
import { formatScoreJson, formatScoreTable } from './format-scores.js';

const RULES_DIR = new URL('../../rules/', import.meta.url).pathname;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'kqlwatch-eval-'));
const db = path.join(tmp, 'tenant.duckdb');
let evaluation: Evaluation;
let rules: Rule[];
let labelCount: Map<string, number>;

before(async () => {
  const store = await openStore(db);
  const s = await writeSimulation({ users: 40, days: 1, seed: 'eval-test', now: new Date('2026-05-01T12:00:00Z') }, { store });
  store.close();
  writeFileSync(`${db}.labels.json`, formatLabels(s.labels));
  labelCount = new Map(Object.values(SEED_RULES).map((r) => [r.id, s.labels.labels.filter((l) => l.rules.some((e) => e.ruleId === r.id && e.expect === 'fire')).length]));
  rules = loadRules([RULES_DIR]).rules.map((l) => l.rule);
  const data = await openEvalStore(db);
  try {
    evaluation = await evaluateRules(data.store, rules, data.labels);
  } finally {
    data.close();
  }
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('evaluating the rule pack on a simulated tenant', () => {
  test('one score per seed rule; each finds at least one attack; tp + fn = the labels expecting it', () => {
    assert.equal(evaluation.scores.length, 5);
    assert.ok(evaluation.runs.every((r) => r.record.status !== 'Failure'));
    for (const s of evaluation.scores) {
      assert.ok(s.tp >= 1, `${s.rule.name}: no true positive\n${formatScoreTable(evaluation.scores)}`);
      assert.equal(s.tp + s.fn, labelCount.get(s.rule.id), s.rule.name);
      assert.ok(s.precision !== null && s.precision > 0 && s.precision <= 1);
      assert.ok(s.recall !== null && s.recall > 0 && s.recall <= 1);
      assert.ok(s.alerts >= s.tp);
    }
  });

  test('every attack the labels say the seed catches as written is a true positive', () => {
    for (const s of evaluation.scores) {
      for (const o of s.falseNegatives) {
        const e = o.label.rules.find((r) => r.ruleId === s.rule.id)!;
        assert.equal(e.asWritten, 'noFire', `${s.rule.name} missed ${o.label.id}, which the seed catches as written`);
      }
    }
  });

  test('json: one object per rule and line, starting with rule, tp, fp, fn, precision, recall', () => {
    const lines = formatScoreJson(evaluation.scores).trimEnd().split('\n');
    assert.equal(lines.length, 5);
    for (const line of lines) {
      const o = JSON.parse(line) as Record<string, unknown>;
      assert.deepEqual(Object.keys(o).slice(0, 6), ['rule', 'tp', 'fp', 'fn', 'precision', 'recall']);
    }
  });

  test('the data file is not changed by an evaluation (it is copied)', async () => {
    const store = await openStore(db);
    try {
      const r = await store.connection.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'SecurityAlert'`);
      assert.equal(Number(r.getRows()[0]![0]), 0);
    } finally {
      store.close();
    }
  });
});
