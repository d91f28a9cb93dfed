/**
 * transaction(store, fn): runs fn between BEGIN and COMMIT, and rolls back when fn throws, so a failed write
 * leaves nothing half-stored (DESIGN.md: "transactions around every write").
 */
import type { Store } from './store.js';

export async function transaction<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  await store.connection.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await store.rollback();
    throw e;
  }
  await store.connection.run('COMMIT');
  return result;
}
