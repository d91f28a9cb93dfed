/**
 * The kernel of row_window_session (binder/row-window-session.ts): the serialized rows' values in order, and each
 * row's session start (row-window-session-function.md). A row starts a session when there is no session yet or its
 * value is null-preceded, when it is at least MaxDistanceFromFirst after the session's start, at least
 * MaxDistanceBetweenNeighbors after the row before, or when Restart holds. Nanoseconds travel as decimal text: JSON
 * numbers cannot hold them exactly.
 */
import { BIGINT, VARCHAR } from '@duckdb/node-api';
import { defineUdfs } from './udf-registry.js';

export function rowWindowSessions(values: readonly (string | null)[], restarts: readonly (boolean | null)[], maxFirst: bigint, maxNeighbor: bigint): (string | null)[] {
  const out: (string | null)[] = [];
  let start: bigint | null = null;
  let prev: bigint | null = null;
  for (let i = 0; i < values.length; i++) {
    const text = values[i];
    if (text === null || text === undefined) {
      // A null value has no session, and the next value starts one.
      out.push(null);
      start = null;
      prev = null;
      continue;
    }
    const x = BigInt(text);
    if (start === null || prev === null || x >= start + maxFirst || x >= prev + maxNeighbor || restarts[i] === true) start = x;
    out.push(start.toString());
    prev = x;
  }
  return out;
}

defineUdfs([{
  name: 'kql_row_window_session',
  params: [VARCHAR, VARCHAR, BIGINT, BIGINT],
  returns: VARCHAR,
  fn: ((values: string, restarts: string, maxFirst: bigint, maxNeighbor: bigint) =>
    JSON.stringify(rowWindowSessions(JSON.parse(values) as (string | null)[], JSON.parse(restarts) as (boolean | null)[], maxFirst, maxNeighbor))) as never,
}]);
