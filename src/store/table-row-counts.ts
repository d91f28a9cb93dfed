/**
 * tableRowCounts(store): how many rows each table the store holds has (tables never created are absent),
 * for `kqlwatch tables` and status pages.
 */
import { ident } from '../kql/sql/sql-text.js';
import type { Store } from './store.js';

export async function tableRowCounts(store: Store): Promise<Map<string, bigint>> {
  const tables = await store.connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`,
  );
  const counts = new Map<string, bigint>();
  for (const [name] of tables.getRows()) {
    const n = await store.connection.runAndReadAll(`SELECT count(*) FROM ${ident(String(name))}`);
    counts.set(String(name), n.getRows()[0]![0] as bigint);
  }
  return counts;
}
