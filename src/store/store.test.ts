import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCatalog } from '../kql/syntax/catalog.js';
import { runKql } from '../kql/engine.js';
import { openStore, storedColumns, StoreError } from './store.js';
import { transaction } from './transaction.js';

const catalog = makeCatalog([
  {
    name: 'T',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Name', type: 'string' },
      { name: 'Count', type: 'long' },
      { name: 'Span', type: 'timespan' },
      { name: 'Props', type: 'dynamic' },
      { name: 'Type', type: 'string' },
    ],
  },
]);

test('a table is created on first use with its ingestion time only; columns come with their first write (ADR 0011)', async () => {
  const store = await openStore(':memory:', { catalog });
  const columns = async () => (await store.connection.runAndReadAll(
    `SELECT column_name, data_type, column_default FROM duckdb_columns() WHERE table_name = 'T' ORDER BY column_index`)).getRows();
  try {
    await store.ensureTables(['T']);
    await store.ensureTables(['T']);
    assert.deepEqual(await columns(), [['_kqw_IngestionTime', 'TIMESTAMP_NS', null]]);
    assert.deepEqual([...store.catalog.storedColumns!('T')!], []);
    await store.ensureColumns('T', ['Name', 'Count', '_kqw_IngestionTime']);
    await store.ensureColumns('T', ['TimeGenerated', 'Span', 'Props', 'Type', 'Name']);
    assert.deepEqual(await columns(), [
      ['_kqw_IngestionTime', 'TIMESTAMP_NS', null],
      ['Name', 'VARCHAR', "''"],
      ['Count', 'BIGINT', null],
      ['TimeGenerated', 'TIMESTAMP_NS', null],
      ['Span', 'BIGINT', null],
      ['Props', 'JSON', null],
      ['Type', 'VARCHAR', "'T'"],
    ]);
    assert.deepEqual([...store.catalog.storedColumns!('T')!].sort(), ['Count', 'Name', 'Props', 'Span', 'TimeGenerated', 'Type']);
    await assert.rejects(store.ensureColumns('T', ['Nope']), /table 'T' has no column 'Nope'/);
    const tz = await store.connection.runAndReadAll(`SELECT current_setting('TimeZone')`);
    assert.equal(tz.getRows()[0]![0], 'UTC');
  } finally {
    store.close();
  }
});

test("KQL reads a column the store does not hold as Kusto's empty value; a column added by a rolled-back write is gone again", async () => {
  const store = await openStore(':memory:', { catalog });
  const kql = async (text: string) => {
    const r = await runKql(text, { catalog: store.catalog, now: new Date('2026-01-01T00:00:00Z'), connection: store.connection, beforeRun: (t) => store.ensureTables(t) });
    assert.ok(r.ok, text);
    return r.result.rows;
  };
  try {
    await store.ensureColumns('T', ['Name']);
    await store.connection.run(`INSERT INTO "T" ("Name") VALUES ('a')`);
    // Strings '' (Type the table's name), other types null, as a stored row that left them out.
    assert.deepEqual(await kql('T | project Name, Type, Count, Props, TimeGenerated'), [['a', 'T', null, null, null]]);
    assert.deepEqual(await kql('T | where isempty(Count) and Type == "T" | count'), [[1n]]);
    await assert.rejects(transaction(store, async () => {
      await store.ensureColumns('T', ['Count']);
      await store.connection.run(`INSERT INTO "T" ("Name", "Count") VALUES ('b', 2)`);
      throw new Error('boom');
    }), /boom/);
    assert.equal(store.catalog.storedColumns!('T')!.has('Count'), false);
    assert.deepEqual(await kql('T | project Name, Count'), [['a', null]]);
    await store.ensureColumns('T', ['Count']);
    await store.connection.run(`INSERT INTO "T" ("Name", "Count") VALUES ('c', 3)`);
    assert.deepEqual(await kql('T | project Name, Count | order by Name asc'), [['a', null], ['c', 3n]]);
  } finally {
    store.close();
  }
});

test('the default catalog holds the Log Analytics tables', async () => {
  const store = await openStore(':memory:');
  try {
    await store.ensureTables(['SigninLogs', 'AuditLogs']);
    const n = await store.connection.runAndReadAll(`SELECT count(*) FROM "SigninLogs"`);
    assert.equal(n.getRows()[0]![0], 0n);
  } finally {
    store.close();
  }
});

test('an unknown table is a StoreError that says what to do', async () => {
  const store = await openStore(':memory:');
  try {
    await assert.rejects(store.ensureTables(['NoSuchTable']), (e: unknown) => {
      assert.ok(e instanceof StoreError);
      assert.match(e.message, /unknown table 'NoSuchTable'.*kqlwatch tables/);
      return true;
    });
    await assert.rejects(store.ensureTables(['signinlogs']), /did you mean 'SigninLogs'/);
  } finally {
    store.close();
  }
});

test('transaction commits on success and rolls back when the function throws', async () => {
  const store = await openStore(':memory:', { catalog });
  try {
    await store.ensureColumns('T', ['Name', 'Type']);
    await transaction(store, () => store.connection.run(`INSERT INTO "T" ("Name") VALUES ('kept')`));
    await assert.rejects(
      transaction(store, async () => {
        await store.connection.run(`INSERT INTO "T" ("Name") VALUES ('dropped')`);
        throw new Error('boom');
      }),
      /boom/,
    );
    const rows = await store.connection.runAndReadAll(`SELECT "Name", "Type" FROM "T"`);
    assert.deepEqual(rows.getRows(), [['kept', 'T']]);
  } finally {
    store.close();
  }
});

test('a table created inside a transaction that rolls back is created again on next use', async () => {
  const store = await openStore(':memory:', { catalog });
  try {
    await assert.rejects(
      transaction(store, async () => {
        await store.ensureTables(['T']);
        throw new Error('boom');
      }),
      /boom/,
    );
    await store.ensureTables(['T']);
    const n = await store.connection.runAndReadAll(`SELECT count(*) FROM T`);
    assert.equal(n.getRows()[0]![0], 0n);
  } finally {
    store.close();
  }
});

test('a reader on a snapshot pinned before a column was added reads the columns of its snapshot', async () => {
  const store = await openStore(':memory:', { catalog });
  try {
    await store.ensureColumns('T', ['Name']);
    await store.connection.run(`INSERT INTO "T" ("Name", "_kqw_IngestionTime") VALUES ('a', now())`);
    const [reader] = await store.readers(1);
    await reader!.run('BEGIN TRANSACTION');
    await reader!.run('SELECT count(*) FROM "T"');
    // The store's connection adds a column the reader's snapshot does not have.
    await store.ensureColumns('T', ['Count']);
    await store.connection.run(`INSERT INTO "T" ("Name", "Count") VALUES ('b', 2)`);
    const options = { catalog: store.catalog, now: new Date('2026-01-01T00:00:00Z'), connection: reader! };
    const stale = await runKql('T | project Name, Count', options);
    assert.equal(stale.ok, false, 'the catalog knows Count, the snapshot does not');
    const seen = await storedColumns(reader!, store.catalog);
    const r = await runKql('T | project Name, Count', { ...options, storedColumns: (t) => seen.get(t) });
    assert.ok(r.ok);
    assert.deepEqual(r.result.rows, [['a', null]]);
    await reader!.run('ROLLBACK');
  } finally {
    store.close();
  }
});
