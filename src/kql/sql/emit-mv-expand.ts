/**
 * mv-expand → DuckDB unnest over JSON lists. Several unnest() calls in one SELECT zip and pad with NULL, which is
 * Kusto's parallel expansion; a null value becomes a one-element list so its row is kept, an empty array an empty
 * list so its row is dropped (mv-expand-operator.md; traps §5.4).
 */
import type { KustoType } from '../plan/types.js';
import type { Emitter } from './builder.js';
import { ident } from './sql-text.js';

function elements(sql: string, bag: 'bag' | 'array'): string {
  const pair = bag === 'array' ? `json_array(k, json_extract(${sql}, '$."' || replace(k, '"', '\\"') || '"'))` : `json_object(k, json_extract(${sql}, '$."' || replace(k, '"', '\\"') || '"'))`;
  return `CASE WHEN json_type(${sql}) = 'ARRAY' THEN CAST(${sql} AS JSON[])
    WHEN json_type(${sql}) = 'OBJECT' THEN list_transform(json_keys(${sql}), k -> ${pair})
    ELSE [CAST(${sql} AS JSON)] END`;
}

function convert(sql: string, t: KustoType | undefined): string {
  switch (t) {
    case undefined:
    case 'dynamic':
      return sql;
    case 'string':
      return `coalesce(json_extract_string(${sql}, '$'), '')`;
    case 'long':
    case 'int':
    case 'timespan':
      return `TRY_CAST(json_extract_string(${sql}, '$') AS ${t === 'int' ? 'INTEGER' : 'BIGINT'})`;
    case 'real':
    case 'decimal':
      return `TRY_CAST(json_extract_string(${sql}, '$') AS DOUBLE)`;
    case 'bool':
      return `TRY_CAST(json_extract_string(${sql}, '$') AS BOOLEAN)`;
    case 'datetime':
      return `TRY_CAST(json_extract_string(${sql}, '$') AS TIMESTAMP_NS)`;
    case 'guid':
      return `json_extract_string(${sql}, '$')`;
  }
}

export const emitMvExpand: Emitter<'MvExpand'> = (n, b) => {
  const a = b.alias();
  const lists = new Map(n.columns.map((c) => [c.name, elements(`(${b.expr(c.expr, a).sql})`, n.bagExpansion)]));
  const inner = n.schema
    .filter((c) => c.name !== n.indexColumn)
    .map((c) => {
      const list = lists.get(c.name);
      return list ? `unnest(${list}) AS ${ident(c.name)}` : `${a}.${ident(c.name)}`;
    });
  if (n.indexColumn) {
    const lens = [...lists.values()].map((l) => `len(${l})`);
    const max = lens.length === 1 ? lens[0]! : `greatest(${lens.join(', ')})`;
    inner.push(`unnest(range(${max})) AS ${ident(n.indexColumn)}`);
  }
  const expanded = `(SELECT ${inner.join(', ')} FROM ${b.relation(n.input)} AS ${a})`;
  const outer = n.schema.map((c) => {
    const col = n.columns.find((x) => x.name === c.name);
    if (col) return `${convert(ident(c.name), col.toType ?? (c.type === 'dynamic' ? undefined : c.type))} AS ${ident(c.name)}`;
    return ident(c.name);
  });
  const limit = n.limit !== undefined ? '' : '';
  return `SELECT ${outer.join(', ')} FROM ${expanded} AS ${b.alias()}${limit}`;
};
