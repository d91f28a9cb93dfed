/**
 * union → UNION ALL with one explicit projection per leg, because DuckDB's UNION BY NAME unifies types where
 * Kusto splits a column per type (x_long, x_string; union-operator.md, traps §10.5).
 */
import type { Emitter } from './builder.js';
import { literalSql } from './emit-expression.js';
import { ident, str } from './sql-text.js';

export const emitUnion: Emitter<'Union'> = (n, b) => {
  const legs = n.inputs.map((leg, li) => {
    const cols = n.schema.map((c) => {
      if (n.sourceColumn && c.name === n.sourceColumn) return `${str(n.sourceNames?.[li] ?? '')} AS ${ident(c.name)}`;
      const same = leg.schema.find((x) => x.name === c.name && x.type === c.type);
      if (same) return ident(c.name);
      // A split column `x_long` takes the leg's `x` when that one is a long.
      const split = leg.schema.find((x) => `${x.name}_${x.type}` === c.name);
      if (split) return `${ident(split.name)} AS ${ident(c.name)}`;
      const other = leg.schema.find((x) => x.name === c.name);
      if (other) return `TRY_CAST(${ident(other.name)} AS ${literalSql(c.type, null).replace(/^CAST\(NULL AS (.*)\)$/, '$1')}) AS ${ident(c.name)}`;
      return `${literalSql(c.type, null)} AS ${ident(c.name)}`;
    });
    return `SELECT ${cols.join(', ')} FROM ${b.relation(leg)}`;
  });
  return legs.join(' UNION ALL ');
};
