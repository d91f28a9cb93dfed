/**
 * The public Sentinel rule corpus (../shared/corpus/sentinel-rules, 222 files, see its MANIFEST.tsv): at least 85%
 * validate, and the files its notes mark as broken YAML are invalid. The figure is printed for the report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateRules } from './validate-rule.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/sentinel-rules/', import.meta.url));

test('corpus: at least 85% of the public rules validate; the known-broken ones do not', () => {
  const reports = validateRules([CORPUS]);
  assert.equal(reports.length, 222);
  const valid = reports.filter((r) => r.valid).length;
  const runnable = reports.filter((r) => r.runnable).length;
  console.log(`corpus: ${valid} valid, ${reports.length - valid} invalid (${((100 * valid) / reports.length).toFixed(1)}%); ${runnable} runnable by kqlwatch`);
  assert.ok(valid / reports.length >= 0.85, `${valid}/${reports.length} valid`);

  const manifest = readFileSync(`${CORPUS}MANIFEST.tsv`, 'utf8').split('\n').slice(1).map((l) => l.split('\t'));
  const broken = manifest.filter((c) => /yaml-parse-error/.test(c[7] ?? '')).map((c) => c[0]!);
  assert.equal(broken.length, 2);
  for (const file of broken) {
    const r = reports.find((x) => x.file.endsWith(`/${file}`))!;
    assert.equal(r.valid, false, file);
    assert.ok(r.issues.some((i) => i.code === 'RULE001' && i.location.line > 1), `${file}: the YAML error has its line`);
  }
  // Rules whose queries are broken KQL (found while validating the corpus) are reported invalid with a KS code.
  for (const [file, code] of [['AzureRBAC.yaml', 'KS005'], ['BulkChangestoPrivilegedAccountPermissions.yaml', 'KS142'], ['DisabledAccountSigninsAcrossManyApplications.yaml', 'KS198']] as const) {
    const r = reports.find((x) => x.file.endsWith(`/${file}`))!;
    assert.equal(r.valid, false, file);
    assert.ok(r.issues.some((i) => i.code === code && i.severity === 'error'), `${file} ${code}`);
  }
  // An ASIM rule is valid (Sentinel runs it) but reported as needing a Sentinel function kqlwatch lacks.
  const asim = reports.find((x) => x.file.endsWith('/imDns_IPEntity_DnsEvents.yaml'))!;
  assert.equal(asim.valid, true);
  assert.equal(asim.runnable, false);
  assert.ok(asim.issues.some((i) => i.code === 'RULE201'));
});
