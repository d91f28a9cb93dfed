/**
 * junitXml(summary): the run as JUnit XML (the de-facto schema CI systems read: testsuites > testsuite per file >
 * testcase per case, a <failure> with the diff for a failed case, an <error> for a file that could not be loaded).
 */
import type { TestRunSummary } from './runner.js';

export function junitXml(summary: TestRunSummary): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = summary.passed + summary.failed + summary.updated;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const allMs = summary.files.reduce((s, f) => s + f.durationMs, 0);
  lines.push(`<testsuites name="kqlwatch test" tests="${total}" failures="${summary.failed}" time="${seconds(allMs)}">`);
  for (const f of summary.files) {
    const failures = f.cases.filter((c) => c.status === 'failed').length;
    lines.push(`  <testsuite name="${esc(f.file)}" tests="${f.error ? 1 : f.cases.length}" failures="${failures}" errors="${f.error ? 1 : 0}" time="${seconds(f.durationMs)}">`);
    if (f.error) {
      lines.push(`    <testcase classname="${esc(f.file)}" name="(load test file)" time="0">`);
      lines.push(`      <error message="${esc(f.error)}">${esc(f.error)}</error>`);
      lines.push('    </testcase>');
    }
    for (const c of f.cases) {
      lines.push(`    <testcase classname="${esc(f.file)}" name="${esc(c.name)}" time="${seconds(c.durationMs)}">`);
      if (c.status === 'failed') {
        lines.push(`      <failure message="${esc(c.diff[0] ?? 'failed')}">${esc(c.diff.join('\n'))}</failure>`);
      }
      if (c.known) lines.push(`      <system-out>${esc('known behaviour: ' + c.known)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

function esc(s: string): string {
  // XML 1.0 cannot hold most control characters even escaped; they are replaced.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
