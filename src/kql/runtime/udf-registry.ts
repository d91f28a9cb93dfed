/**
 * TypeScript scalar functions registered on every KQL connection, for what SQL cannot say. Family files declare
 * theirs with defineUdfs; macros.ts registers them all when it prepares a connection. This module is apart so the
 * family files and macros.ts do not import each other.
 */
import { DuckDBScalarFunction, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

export const udfRegistrations: ((connection: DuckDBConnection) => void)[] = [];

export interface UdfDef {
  readonly name: string;
  readonly params: readonly DuckDBType[];
  readonly returns: DuckDBType;
  // Kernels take the DuckDB JS values of their parameter types; each definition types its own.
  readonly fn: (...args: never[]) => unknown;
  /** The kernel receives NULL arguments itself; otherwise any NULL argument gives NULL without calling it. */
  readonly seesNulls?: boolean;
}

/** A kernel that throws yields NULL for that row: Kusto functions return null on input they cannot read. */
export function registerUdf(connection: DuckDBConnection, u: UdfDef): void {
  const call = u.fn as (...args: unknown[]) => unknown;
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: u.name,
      returnType: u.returns,
      parameterTypes: u.params,
      specialHandling: u.seesNulls ?? false,
      mainFunction: (_info, input, output) => {
        const columns = u.params.map((_, i) => input.getColumnVector(i));
        for (let row = 0; row < input.rowCount; row++) {
          const args = columns.map((c) => c.getItem(row));
          let value: unknown = null;
          if (u.seesNulls || args.every((a) => a !== null)) {
            try {
              value = call(...args);
            } catch {
              value = null;
            }
          }
          output.setItem(row, value as never);
        }
        output.flush();
      },
    }),
  );
}

/** Declares a family's UDFs; they are registered on every connection macros.ts prepares. */
export function defineUdfs(defs: readonly UdfDef[]): void {
  udfRegistrations.push((connection) => {
    for (const d of defs) registerUdf(connection, d);
  });
}
