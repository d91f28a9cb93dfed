import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defaultCatalog, loadSchemas } from './schemas.js';

test('loads every Log Analytics table, with Kusto types', () => {
  const schemas = loadSchemas();
  assert.ok(schemas.length >= 898, `only ${schemas.length} tables`);
  const signin = schemas.find((t) => t.name === 'SigninLogs')!;
  const type = (name: string) => signin.columns.find((c) => c.name === name)?.type;
  assert.equal(type('ResultType'), 'string');
  assert.equal(type('TimeGenerated'), 'datetime');
  assert.equal(type('LocationDetails'), 'dynamic');
  const audit = schemas.find((t) => t.name === 'AACAudit')!;
  assert.equal(audit.columns.find((c) => c.name === '_BilledSize')?.type, 'real');
});

test('a curated table replaces the CSV one entirely, columns then additionalColumns', () => {
  const curated = JSON.parse(readFileSync(new URL('../../schemas/tables/SigninLogs.json', import.meta.url), 'utf8')) as {
    columns: { name: string }[];
    additionalColumns?: { name: string }[];
  };
  const expected = [...curated.columns, ...(curated.additionalColumns ?? [])].map((c) => c.name);
  const signin = loadSchemas().find((t) => t.name === 'SigninLogs')!;
  assert.deepEqual(signin.columns.map((c) => c.name), expected);
});

test('column names are unique regardless of case (DuckDB needs it)', () => {
  for (const t of loadSchemas()) {
    const names = t.columns.map((c) => c.name.toLowerCase());
    assert.equal(new Set(names).size, names.length, t.name);
  }
});

test('schemas and the default catalog are cached', () => {
  assert.equal(loadSchemas(), loadSchemas());
  assert.equal(defaultCatalog(), defaultCatalog());
  assert.ok(defaultCatalog().tables.has('AADNonInteractiveUserSignInLogs'));
});
