/**
 * The list of TypeScript scalar functions to register on every KQL connection. It lives in its own module so the
 * family files that fill it and macros.ts that reads it do not import each other.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export const udfRegistrations: ((connection: DuckDBConnection) => void)[] = [];
