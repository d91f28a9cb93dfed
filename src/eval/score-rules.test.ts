/**
 * Scoring on hand-made labels and alerts: a hit within the labelled window, a miss (no alert, or one outside the
 * window), a benign look-alike that fires, an unlabelled finding (re-alerts chained into one), neutral alerts of
 * another rule's scenario, matching a rule by name, and evidence rows giving each user of an alert their own times.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Label, RuleExpectation } from '../sim/labels.js';
import { accountUpns, evidenceRow } from './read-alerts.js';
import { scoreRules, type ScoredAlert } from './score-rules.js';

const RULE = { id: 'r1', name: 'Rule one' };
const OTHER = { id: 'r2', name: 'Rule two' };
const t = (hhmm: string) => Date.parse(`2026-05-01T${hhmm}:00Z`);

function expect(rule: { id: string; name: string }, e: 'fire' | 'noFire', note?: string): RuleExpectation {
  return { seed: '000', ruleId: rule.id, ruleName: rule.name, expect: e, asWritten: e, detectAt: '2026-05-01T12:00:00Z', ...(note ? { note } : {}) };
}

function label(id: string, user: string, start: string, end: string, rules: RuleExpectation[], kind: 'attack' | 'benign' = 'attack'): Label {
  return {
    id, kind, scenario: id, variant: 'v', description: `${id} description`, user,
    start: `2026-05-01T${start}:00.0000000Z`, end: `2026-05-01T${end}:00.0000000Z`, ips: [], rules,
  };
}

let n = 0;
function alert(ruleId: string, user: string, start: string, end: string, created = end): ScoredAlert {
  return { id: `a${++n}`, ruleId, name: 'x', created: t(created), start: t(start), end: t(end), mentions: [{ user, start: t(start), end: t(end) }] };
}

describe('scoreRules', () => {
  test('an alert naming the labelled user within the window is a true positive', () => {
    const labels = [label('atk', 'Alice@contoso.com', '10:00', '10:30', [expect(RULE, 'fire')])];
    const [s] = scoreRules([RULE], labels, [alert('r1', 'alice@contoso.com', '10:20', '10:40')]);
    assert.deepEqual([s!.tp, s!.fp, s!.fn, s!.precision, s!.recall], [1, 0, 0, 1, 1]);
    assert.equal(s!.truePositives[0]!.alerts.length, 1);
  });

  test('no alert, or one outside the window, is a miss; the outside one is also an unlabelled false positive', () => {
    const labels = [
      label('atk1', 'alice@contoso.com', '10:00', '10:30', [expect(RULE, 'fire', 'known gap')]),
      label('atk2', 'bob@contoso.com', '10:00', '10:30', [expect(RULE, 'fire')]),
    ];
    const late = alert('r1', 'alice@contoso.com', '11:00', '11:10');
    const [s] = scoreRules([RULE], labels, [late]);
    assert.deepEqual([s!.tp, s!.fp, s!.fn, s!.precision, s!.recall], [0, 1, 2, 0, 0]);
    const alice = s!.falseNegatives.find((o) => o.label.id === 'atk1')!;
    assert.deepEqual(alice.alerts.map((a) => a.id), [late.id], 'the near miss is listed behind the false negative');
    assert.equal(alice.note, 'known gap');
    assert.deepEqual(s!.falseNegatives.find((o) => o.label.id === 'atk2')!.alerts, []);
    assert.equal(s!.unlabelledFalsePositives[0]!.user, 'alice@contoso.com');
  });

  test('a benign look-alike that fires is a false positive; the same rule not firing on it counts nothing', () => {
    const labels = [
      label('fp', 'carol@contoso.com', '09:00', '09:20', [expect(RULE, 'noFire', 'no exclusion')], 'benign'),
      label('quiet', 'dan@contoso.com', '09:00', '09:20', [expect(RULE, 'noFire')], 'benign'),
      label('atk', 'alice@contoso.com', '10:00', '10:30', [expect(RULE, 'fire')]),
    ];
    const [s] = scoreRules([RULE], labels, [alert('r1', 'carol@contoso.com', '09:10', '09:10'), alert('r1', 'alice@contoso.com', '10:00', '10:05')]);
    assert.deepEqual([s!.tp, s!.fp, s!.fn, s!.precision, s!.recall], [1, 1, 0, 0.5, 1]);
    assert.equal(s!.labelledFalsePositives[0]!.label.id, 'fp');
    assert.equal(s!.labelledFalsePositives[0]!.note, 'no exclusion');
    assert.equal(s!.unlabelledFalsePositives.length, 0);
  });

  test('unlabelled alerts: one finding per user and span of overlapping activity, however many runs re-alert it', () => {
    const alerts = [
      alert('r1', 'eve@contoso.com', '08:00', '08:10', '09:00'),
      alert('r1', 'eve@contoso.com', '08:00', '08:10', '10:00'),
      alert('r1', 'eve@contoso.com', '08:05', '08:30', '11:00'),
      alert('r1', 'eve@contoso.com', '15:00', '15:10', '16:00'),
      alert('r1', 'frank@contoso.com', '08:00', '08:10', '09:00'),
    ];
    const [s] = scoreRules([RULE], [], alerts);
    assert.deepEqual([s!.tp, s!.fp, s!.fn, s!.precision, s!.recall], [0, 3, 0, 0, null]);
    assert.deepEqual(s!.unlabelledFalsePositives.map((f) => [f.user, f.alerts.length]), [
      ['eve@contoso.com', 3], ['frank@contoso.com', 1], ['eve@contoso.com', 1],
    ]);
  });

  test('labels that do not list the rule are neutral for it; a rule with nothing to find has null precision and recall', () => {
    const labels = [label('other', 'alice@contoso.com', '10:00', '10:30', [expect(OTHER, 'fire')])];
    const [one, two] = scoreRules([RULE, OTHER], labels, [alert('r1', 'alice@contoso.com', '10:10', '10:10')]);
    assert.deepEqual([one!.tp, one!.fp, one!.fn, one!.neutralAlerts], [0, 0, 0, 1]);
    assert.deepEqual([one!.precision, one!.recall], [null, null]);
    assert.deepEqual([two!.tp, two!.fp, two!.fn, two!.recall], [0, 0, 1, 0]);
  });

  test('a rule is matched to labels by name when no evaluated rule has the label\'s id', () => {
    const tuned = { id: 'tuned', name: RULE.name };
    const labels = [label('atk', 'alice@contoso.com', '10:00', '10:30', [expect(RULE, 'fire')])];
    const [s] = scoreRules([tuned], labels, [alert('tuned', 'alice@contoso.com', '10:10', '10:10')]);
    assert.deepEqual([s!.tp, s!.fn], [1, 0]);
  });

  test('each user of a multi-user alert is judged on their own times', () => {
    const labels = [label('atk', 'alice@contoso.com', '10:00', '10:30', [expect(RULE, 'fire')])];
    const a: ScoredAlert = {
      id: 'multi', ruleId: 'r1', name: 'x', created: t('12:00'), start: t('08:00'), end: t('11:00'),
      mentions: [{ user: 'alice@contoso.com', start: t('08:00'), end: t('08:05') }, { user: 'bob@contoso.com', start: t('10:10'), end: t('11:00') }],
    };
    const [s] = scoreRules([RULE], labels, [a]);
    assert.deepEqual([s!.tp, s!.fp, s!.fn], [0, 2, 1], 'alice at 08:00 is outside her label; bob is unlabelled');
  });
});

describe('reading alerts', () => {
  test('Account entities give UPNs (Name@UPNSuffix, or a UPN-shaped FullName); other entities are ignored', () => {
    const json = JSON.stringify([
      { $id: '2', Name: 'Alice', UPNSuffix: 'Contoso.com', Type: 'account' },
      { $id: '3', FullName: 'bob@contoso.com', Type: 'account' },
      { $id: '4', Name: 'SYSTEM', Type: 'account' },
      { $id: '5', Address: '203.0.113.1', Type: 'ip' },
    ]);
    assert.deepEqual(accountUpns(json), ['alice@contoso.com', 'bob@contoso.com']);
    assert.deepEqual(accountUpns('not json'), []);
  });

  test('an evidence row gives its UPN-shaped values and datetimes', () => {
    const row = evidenceRow(JSON.stringify({
      TimeGenerated: '2026-05-01T10:00:00.0000000Z', InteractiveTime: '2026-05-01T09:58:00.0000000Z',
      UserPrincipalName: 'Alice@contoso.com', IPAddress: '203.0.113.1', Count: 3, Apps: ['x@y.z'],
    }));
    assert.deepEqual(row.upns, ['alice@contoso.com']);
    assert.deepEqual(row.times, [t('10:00'), t('09:58')]);
  });
});
