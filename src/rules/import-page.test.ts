import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { importRulePage } from './import-page.js';
import { loadRuleYaml } from './load-yaml.js';
import type { Rule } from './model.js';

// dist/rules/ and src/rules/ both sit two levels below the package root; the seeds are in ../shared.
const ROOT = new URL('../../', import.meta.url);
const SEEDS = new URL('../shared/seeds/', ROOT);
const PACK = new URL('rules/', ROOT);

/** The rule without where it was read from: what must be equal between an imported page and the pack file. */
function content(rule: Rule): Omit<Rule, 'source' | 'queryLine'> {
  const { source: _s, queryLine: _q, ...rest } = rule;
  return rest;
}

const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
const packFiles = readdirSync(PACK).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')).sort();

test('the pack holds one rule per seed page', () => {
  assert.equal(seedFiles.length, 5);
  assert.deepEqual(packFiles.map((f) => f.slice(0, 3)), seedFiles.map((f) => f.slice(0, 3)));
});

for (const [i, seed] of seedFiles.entries()) {
  test(`rules import: seed page ${seed} imports to the rule in rules/${packFiles[i]}`, () => {
    const page = importRulePage(readFileSync(new URL(seed, SEEDS), 'utf8'), seed);
    assert.ok(page.yaml, page.issues.map((x) => x.message).join('\n'));
    assert.ok(page.issues.every((x) => x.severity !== 'error'));
    const imported = loadRuleYaml(page.yaml, 'imported.yaml').rules[0]!;
    const packed = loadRuleYaml(readFileSync(new URL(packFiles[i]!, PACK), 'utf8'), packFiles[i]!).rules[0]!;
    assert.deepEqual(imported.issues, []);
    assert.deepEqual(content(imported.rule), content(packed.rule));
    // The query is the page's text exactly (test/seeds holds the same text, extracted earlier).
    const kql = readFileSync(new URL(`test/seeds/${packFiles[i]!.replace(/\.yaml$/, '.kql')}`, ROOT), 'utf8');
    assert.equal(packed.rule.query, kql);
  });
}

test('rules import: seed 004 has no schedule or severity on its page: the choices are stated', () => {
  const seed = seedFiles.find((f) => f.startsWith('004'))!;
  const page = importRulePage(readFileSync(new URL(seed, SEEDS), 'utf8'), seed);
  const chosen = page.issues.filter((x) => x.code === 'RULE107').map((x) => `${x.field}=${String(page.fields![x.field!])}`);
  assert.deepEqual(chosen, ['kind=Scheduled', 'severity=Medium', 'queryPeriod=1d', 'queryFrequency=1h', 'triggerOperator=gt', 'triggerThreshold=0']);
  assert.match(page.issues.find((x) => x.field === 'queryPeriod')!.message, /ago\(timeframe\) with timeframe = 1d/);
  // metadata.source.kind (Community) is not mistaken for the rule kind, metadata.author.name not for the rule name.
  assert.equal((page.fields!.metadata as { source: { kind: string } }).source.kind, 'Community');
  assert.match(String(page.fields!.name), /AiTM pattern/);
});

test('rules import: flattened YAML is re-nested by the rule schema; prose after it ends the rule', () => {
  const page = [
    'Some blog text before.',
    'id: 0f3c0d2e-1111-4a2b-9c3d-123456789abc',
    'name: Flat rule',
    'description: |',
    'Two lines of description',
    'Note: still description',
    'severity: Low',
    'requiredDataConnectors:',
    '- connectorId: AzureActiveDirectory',
    'dataTypes:',
    '- SigninLogs',
    'queryFrequency: 1h',
    'queryPeriod: 1h',
    'triggerOperator: gt',
    'triggerThreshold: 0',
    'tactics:',
    '- InitialAccess',
    'query: |',
    'SigninLogs',
    '| project UserPrincipalName, IPAddress',
    'entityMappings:',
    '- entityType: Account',
    'fieldMappings:',
    '- identifier: FullName',
    'columnName: UserPrincipalName',
    '- entityType: IP',
    'fieldMappings:',
    '- identifier: Address',
    'columnName: IPAddress',
    'customDetails:',
    'Ip: IPAddress',
    'kind: Scheduled',
    'Purpose: this line is prose and ends the rule.',
    'name: not the rule name',
  ].join('\n');
  const out = importRulePage(page, 'flat.txt');
  assert.deepEqual(out.issues.filter((x) => x.severity === 'error'), []);
  const f = out.fields!;
  assert.equal(f.name, 'Flat rule');
  assert.equal(f.description, 'Two lines of description\nNote: still description\n');
  assert.deepEqual(f.requiredDataConnectors, [{ connectorId: 'AzureActiveDirectory', dataTypes: ['SigninLogs'] }]);
  assert.deepEqual(f.entityMappings, [
    { entityType: 'Account', fieldMappings: [{ identifier: 'FullName', columnName: 'UserPrincipalName' }] },
    { entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'IPAddress' }] },
  ]);
  assert.deepEqual(f.customDetails, { Ip: 'IPAddress' });
  assert.equal(f.kind, 'Scheduled');
});

test('rules import: a page without a query says it could not recover it', () => {
  const out = importRulePage('id: 0f3c0d2e-1111-4a2b-9c3d-123456789abc\nname: No query\nseverity: High\n', 'p.txt');
  assert.equal(out.yaml, undefined);
  assert.deepEqual(out.issues.map((x) => [x.code, x.severity, x.field]), [['RULE002', 'error', 'query']]);
  assert.match(out.issues[0]!.message, /could not recover 'query'/);
  const none = importRulePage('just prose\n', 'p.txt');
  assert.match(none.issues[0]!.message, /no rule YAML found/);
});
