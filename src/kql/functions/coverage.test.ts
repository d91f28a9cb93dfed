import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionCoverage } from './coverage.js';

test('coverage is measured against Kusto.Language\'s own lists', () => {
  const [fns, aggs, plugins] = functionCoverage();
  // Kusto.Language 12.4.1 lists 429 functions, 61 aggregates and 47 plugins (some names repeat as overloads).
  assert.ok(fns!.total > 350 && aggs!.total > 50 && plugins!.total > 40);
  for (const name of ['tostring', 'split', 'parse_json', 'iff', 'tolower', 'extract', 'ago', 'now']) {
    assert.ok(fns!.implemented.includes(name), `${name} should be implemented`);
  }
  for (const name of ['count', 'make_set', 'arg_max', 'max', 'dcount']) assert.ok(aggs!.implemented.includes(name), name);
  assert.ok(plugins!.implemented.includes('ipv4_lookup'));
  assert.equal(fns!.implemented.length + fns!.missing.length, fns!.total);
});
