/**
 * `node dist/bench/read-json-peer.js DB FILE`: the ingest peer, DuckDB's own JSON reader loading FILE into a new
 * table of the database file DB; prints the milliseconds of the load. Run by ingest.ts in a child process, so its
 * memory is measured on its own and does not count against the bench process.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { str } from '../kql/sql/sql-text.js';

const [db, file] = process.argv.slice(2);
if (!db || !file) {
  process.stderr.write('usage: node dist/bench/read-json-peer.js DB FILE\n');
  process.exit(2);
}
const instance = await DuckDBInstance.create(db);
const connection = await instance.connect();
const t0 = performance.now();
await connection.run(`CREATE TABLE peer AS SELECT * FROM read_json(${str(file)}, format = 'newline_delimited')`);
process.stdout.write(`${(performance.now() - t0).toFixed(1)}\n`);
connection.closeSync();
instance.closeSync();
