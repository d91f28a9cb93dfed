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

/** The columns a store holds of each table; a table it does not know, or every table when absent: all of them. */
export type StoredColumns = (table: string) => ReadonlySet<string> | undefined;

export interface Catalog {
  readonly tables: ReadonlyMap<string, TableSchema>;
  /** Changes whenever the set of tables or columns changes; used as the cache key. */
  readonly key: string;
  /**
   * A store keeps only the columns ever written (ADR 0011); the others read as Kusto's empty value. Not part of
   * `key`: it changes with the data, not with what the parser binds.
   */
  readonly storedColumns?: StoredColumns;
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

/** Table names a query can refer to: every identifier-like word of its text that names a catalog table. */
function mentionedTables(catalog: Catalog, text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (catalog.tables.has(m[0])) found.add(m[0]);
  return [...found].sort();
}

/**
 * The Kusto GlobalState for a catalog. Building symbols for all 898 Log Analytics tables takes seconds, so for a
 * given query text only the tables its words name are declared (a table the query does not name cannot be
 * referenced); states are cached per table set.
 */
export function kustoGlobals(catalog: Catalog, text?: string): Untyped {
  const names = text === undefined ? [...catalog.tables.keys()] : mentionedTables(catalog, text);
  const key = text === undefined ? catalog.key : `${catalog.key}|${names.join(',')}`;
  const cached = globalsCache.get(key);
  if (cached) return cached;
  const K = kusto();
  const S = K.Symbols;
  const globals = guarded('building the table catalog', () => {
    const symbols: Untyped[] = [];
    for (const name of names) {
      const t = catalog.tables.get(name)!;
      symbols.push(new S.TableSymbol.$ctor7(t.name, schemaText(t.columns), null));
    }
    const db = new S.DatabaseSymbol.$ctor1('kqlwatch', symbols, false);
    return K.GlobalState.Default.WithDatabase(db);
  });
  if (globalsCache.size > 256) globalsCache.clear();
  globalsCache.set(key, globals);
  return globals;
}
