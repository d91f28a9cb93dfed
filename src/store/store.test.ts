import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeCatalog } from '../kql/syntax/catalog.js';
import { openStore, StoreError } from './store.js';
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

test('tables are created on first use with the DuckDB types of the Kusto ones', async () => {
  const store = await openStore(':memory:', { catalog });
  try {
    await store.ensureTables(['T']);
    await store.ensureTables(['T']);
    const cols = await store.connection.runAndReadAll(
      `SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() WHERE table_name = 'T' ORDER BY column_index`,
    );
    assert.deepEqual(cols.getRows(), [
      ['TimeGenerated', 'TIMESTAMP_NS', true, null],
      ['Name', 'VARCHAR', false, "''"],
      ['Count', 'BIGINT', true, null],
      ['Span', 'BIGINT', true, null],
      ['Props', 'JSON', true, null],
      ['Type', 'VARCHAR', false, "'T'"],
      ['_kqw_IngestionTime', 'TIMESTAMP_NS', true, 'CAST(current_timestamp AS "TIMESTAMP_NS")'],
    ]);
    const tz = await store.connection.runAndReadAll(`SELECT current_setting('TimeZone')`);
    assert.equal(tz.getRows()[0]![0], 'UTC');
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
    await store.ensureTables(['T']);
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
