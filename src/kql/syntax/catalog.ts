/**
 * Our table schemas → Kusto.Language's GlobalState (a database symbol holding one TableSymbol per table),
 * cached per schema set so the parser binds names and types exactly as Sentinel would.
 */
import type { Column } from '../plan/types.js';
import { guarded, kusto, type Untyped } from './kusto-bridge.js';

export interface TableSchema {
  readonly name: string;
  readonly columns: readonly Column[];
}

export interface Catalog {
  readonly tables: ReadonlyMap<string, TableSchema>;
  /** Changes whenever the set of tables or columns changes; used as the cache key. */
  readonly key: string;
}

export function makeCatalog(tables: Iterable<TableSchema>): Catalog {
  const map = new Map<string, TableSchema>();
  const parts: string[] = [];
  for (const t of tables) {
    map.set(t.name, t);
    parts.push(t.name + '(' + t.columns.map((c) => c.name + ':' + c.type).join(',') + ')');
  }
  parts.sort();
  return { tables: map, key: String(hash(parts.join(';'))) + ':' + map.size };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}

export function schemaText(columns: readonly Column[]): string {
  return '(' + columns.map((c) => `${quoteName(c.name)}:${c.type}`).join(', ') + ')';
}

const globalsCache = new Map<string, Untyped>();

/** The Kusto GlobalState for a catalog (built once per catalog key). */
export function kustoGlobals(catalog: Catalog): Untyped {
  const cached = globalsCache.get(catalog.key);
  if (cached) return cached;
  const K = kusto();
  const S = K.Symbols;
  const globals = guarded('building the table catalog', () => {
    const symbols: Untyped[] = [];
    for (const t of catalog.tables.values()) {
      symbols.push(new S.TableSymbol.$ctor7(t.name, schemaText(t.columns), null));
    }
    const db = new S.DatabaseSymbol.$ctor1('kqlwatch', symbols, false);
    return K.GlobalState.Default.WithDatabase(db);
  });
  globalsCache.set(catalog.key, globals);
  return globals;
}
