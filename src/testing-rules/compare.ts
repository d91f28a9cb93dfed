/**
 * compareOutcome(expect, actual): the differences between what a case expects and what the rule produced, as
 * readable lines (empty when the case passes). Only what the expectation states is checked: an expected alert
 * without `title` accepts any title. Entities compare as sets (type + every identifier, exact), custom details as
 * each named key's list of values in order, incidents by the positions of the alerts they hold.
 */
import type { ActualAlert, ActualEntity, ActualOutcome, Expectation, ExpectedEntity } from './model.js';

export function compareOutcome(expect: Expectation, actual: ActualOutcome): string[] {
  const out: string[] = [];
  for (const f of actual.failures) out.push(`a run failed: ${f}`);
  if (actual.alerts.length !== expect.alertCount) {
    out.push(`alert count: expected ${expect.alertCount}, actual ${actual.alerts.length}`);
    for (const [i, a] of actual.alerts.entries()) out.push(`  actual alert ${i + 1}: ${summary(a)}`);
  }
  (expect.alerts ?? []).forEach((e, i) => {
    const a = actual.alerts[i];
    const where = `alert ${i + 1} (line ${e.location.line})`;
    if (!a) return;
    field(out, where, 'title', e.title, a.title);
    field(out, where, 'description', e.description, a.description);
    field(out, where, 'severity', e.severity, a.severity);
    if (e.evidence !== undefined && e.evidence !== a.evidence) out.push(`${where} evidence rows: expected ${e.evidence}, actual ${a.evidence}`);
    if (e.entities) {
      const want = e.entities.map(entityText);
      const got = a.entities.map(entityText);
      const missing = want.filter((w) => !got.some((g) => sameEntity(g, w)));
      const extra = got.filter((g) => !want.some((w) => sameEntity(g, w)));
      if (missing.length > 0 || extra.length > 0) {
        out.push(`${where} entities differ:`);
        for (const m of missing) out.push(`  - expected ${m}`);
        for (const x of extra) out.push(`  + actual   ${x}`);
      }
    }
    if (e.customDetails) {
      // Only the keys the expectation names: a key whose values have no defined order (make_set) can be left out.
      const keys = Object.keys(e.customDetails);
      const diffs = keys.filter((k) => JSON.stringify(e.customDetails![k] ?? null) !== JSON.stringify(a.customDetails[k] ?? null));
      if (diffs.length > 0) {
        out.push(`${where} custom details differ:`);
        for (const k of diffs) {
          out.push(`  ${k}:`);
          out.push(`    expected: ${e.customDetails[k] ? JSON.stringify(e.customDetails[k]) : '(absent)'}`);
          out.push(`    actual:   ${a.customDetails[k] ? JSON.stringify(a.customDetails[k]) : '(absent)'}`);
        }
      }
    }
  });
  if (expect.incidentCount !== undefined && expect.incidentCount !== actual.incidents.length) {
    out.push(`incident count: expected ${expect.incidentCount}, actual ${actual.incidents.length}`);
    for (const inc of actual.incidents) out.push(`  actual incident ${inc.number}: alerts [${inc.alerts.join(', ')}], ${inc.status}, "${inc.title}"`);
  }
  (expect.incidents ?? []).forEach((e, i) => {
    const a = actual.incidents[i];
    if (!a) return;
    const where = `incident ${i + 1} (line ${e.location.line})`;
    if (e.alerts && e.alerts.join(',') !== a.alerts.join(',')) out.push(`${where} alerts: expected [${e.alerts.join(', ')}], actual [${a.alerts.join(', ')}]`);
    field(out, where, 'status', e.status, a.status);
    field(out, where, 'title', e.title, a.title);
    field(out, where, 'severity', e.severity, a.severity);
  });
  return out;
}

function field(out: string[], where: string, name: string, expected: string | undefined, actual: string): void {
  if (expected === undefined || expected === actual) return;
  out.push(`${where} ${name}:`);
  out.push(`  expected: ${expected}`);
  out.push(`  actual:   ${actual}`);
  const at = firstDifference(expected, actual);
  if (expected.length > 20 && actual.length > 20) out.push(`  (first difference at character ${at + 1}: ${JSON.stringify(expected.slice(at, at + 20))} vs ${JSON.stringify(actual.slice(at, at + 20))})`);
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export function entityText(e: ExpectedEntity | ActualEntity): string {
  const ids = Object.entries(e.identifiers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  return `${e.type}(${ids.join(', ')})`;
}

/** Entity types compare case-insensitively and without dashes (`CloudApplication` = `cloud-application`). */
function sameEntity(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/^([^(]*)/, (t) => t.toLowerCase().replace(/-/g, ''));
  return norm(a) === norm(b);
}

function summary(a: ActualAlert): string {
  return `"${a.title}" ${a.severity}, ${a.entities.map(entityText).join(' ')}, ${a.evidence} evidence row(s), run ${a.runAt}`;
}
