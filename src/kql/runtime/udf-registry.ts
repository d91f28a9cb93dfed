/**
 * The list of TypeScript scalar functions to register on every KQL connection. It lives in its own module so the
 * family files that fill it and macros.ts that reads it do not import each other.
 */
import { DuckDBScalarFunction, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';

export const udfRegistrations: ((connection: DuckDBConnection) => void)[] = [];

/** A TypeScript scalar function over VARCHAR arguments returning VARCHAR (NULL in → NULL out; a throw → NULL). */
export function registerTextUdf(
  connection: DuckDBConnection, name: string, arity: number, fn: (...args: string[]) => string | null,
): void {
  const params = Array.from({ length: arity }, () => VARCHAR);
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name,
      returnType: VARCHAR,
      parameterTypes: params,
      mainFunction: (_info, input, output) => {
        const columns = params.map((_, i) => input.getColumnVector(i));
        for (let row = 0; row < input.rowCount; row++) {
          const args = columns.map((c) => c.getItem(row));
          let value: string | null = null;
          if (args.every((a) => a !== null)) {
            try {
              value = fn(...(args as string[]));
            } catch {
              value = null;
            }
          }
          output.setItem(row, value);
        }
        output.flush();
      },
    }),
  );
}
