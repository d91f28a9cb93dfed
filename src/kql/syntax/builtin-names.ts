/**
 * The names of Kusto's built-in functions, aggregates and plugins as Kusto.Language 12.4.1 lists them
 * (Functions.All, Aggregates.All, PlugIns.All): the reference list our function registry is measured against.
 */
import { guarded, kusto, type Untyped } from './kusto-bridge.js';

export interface BuiltinNames {
  readonly functions: readonly string[];
  readonly aggregates: readonly string[];
  readonly plugins: readonly string[];
}

function names(list: Untyped): string[] {
  const out: string[] = [];
  const count: number = list.Count ?? list.length;
  for (let i = 0; i < count; i++) out.push(String((list.getItem ? list.getItem(i) : list[i]).Name));
  return [...new Set(out)].sort();
}

export function builtinNames(): BuiltinNames {
  const K = kusto();
  return guarded('listing built-in functions', () => ({
    functions: names(K.Functions.All),
    aggregates: names(K.Aggregates.All),
    plugins: names(K.PlugIns.All),
  }));
}
