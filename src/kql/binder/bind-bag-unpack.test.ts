import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql } from '../testing/run-kql.js';

// Examples from bag-unpack-plugin.md.
const people = `datatable(d:dynamic) [
  dynamic({"Name": "John", "Age":20}), dynamic({"Name": "Dave", "Age":40}), dynamic({"Name": "Jasmine", "Age":30}) ]`;

test('one column per slot, named and typed from the data, in name order', async () => {
  const r = await kql(`${people} | evaluate bag_unpack(d)`);
  assert.deepEqual(r.columns, ['Age', 'Name']);
  assert.deepEqual(r.types, ['long', 'string']);
  assert.deepEqual(r.rows, [[20, 'John'], [40, 'Dave'], [30, 'Jasmine']]);
});

test('a prefix, and operators after the plugin can use the new columns', async () => {
  const r = await kql(`${people} | evaluate bag_unpack(d, 'Property_') | where Property_Age > 25 | project Property_Name`);
  assert.deepEqual(r.rows, [['Dave'], ['Jasmine']]);
});

test('columnsConflict decides between a slot and an existing column', async () => {
  const src = `datatable(Name:string, d:dynamic) ['James', dynamic({"Name": "John", "Age":20}), 'David', dynamic({"Age":40})]`;
  const keep = await kql(`${src} | evaluate bag_unpack(d, columnsConflict='keep_source')`);
  assert.deepEqual(keep.rows, [['James', 20], ['David', 40]]);
  const replace = await kql(`${src} | evaluate bag_unpack(d, columnsConflict='replace_source')`);
  assert.deepEqual(replace.rows, [['John', 20], ['', 40]]);
  await assert.rejects(kql(`${src} | evaluate bag_unpack(d)`), /columnsConflict/);
});

test('an output schema is used as given', async () => {
  const r = await kql(`datatable(d:dynamic, Description: string) [
    dynamic({"Name": "John", "Age":20, "height":180}), "Student", dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher" ]
    | evaluate bag_unpack(d) : (*, Name:string, Age:long)`);
  assert.deepEqual(r.columns, ['Description', 'Name', 'Age']);
  assert.deepEqual(r.rows, [['Student', 'John', 20], ['Teacher', 'Dave', 40]]);
});

test('bag_unpack after a filter on now(): the slots come from the rows the filter keeps', async () => {
  const r = await kql(`datatable(t:datetime, d:dynamic)[datetime(2026-01-15 11:30), dynamic({"a":1}), datetime(2026-01-10), dynamic({"b":2})]
    | where t > ago(1h) | evaluate bag_unpack(d)`);
  assert.deepEqual(r.columns, ['t', 'a']);
  assert.deepEqual(r.rows, [['2026-01-15T11:30:00.0000000Z', 1]]);
});
