/**
 * runKqlOnStore(store, text, options): the engine's runKql with the store's catalog and connection; tables the
 * query reads are created empty first, so a query over a table nothing was ingested into returns no rows
 * instead of failing in DuckDB.
 */
import { runKql } from '../kql/engine.js';
import type { RunOutcome } from '../kql/engine-types.js';
import type { Store } from './store.js';

export interface RunOnStoreOptions {
  /** The query's `now()`. */
  readonly now: Date;
  readonly maxRows?: number;
}

export function runKqlOnStore(store: Store, text: string, options: RunOnStoreOptions): Promise<RunOutcome> {
  return runKql(text, {
    catalog: store.catalog,
    connection: store.connection,
    now: options.now,
    maxRows: options.maxRows,
    beforeRun: (tables) => store.ensureTables(tables),
  });
}
