/**
 * Function coverage: Kusto's own list of built-ins against our registry (and the plugins the binder lowers),
 * so docs/conformance.md can publish what is implemented and what is not.
 */
import { builtinNames } from '../syntax/builtin-names.js';
import { builtins } from './registry.js';

/** Functions the binder handles itself instead of through a registry entry. */
const BOUND_IN_BINDER = new Set(['now', 'ago', 'around', 'bin_auto', 'column_ifexists', 'pack_all', 'toscalar', 'materialize', 'view', 'extract', 'columnifexists']);
const PLUGINS = new Set(['ipv4_lookup']);

export interface Coverage {
  readonly kind: 'function' | 'aggregate' | 'plugin';
  readonly total: number;
  readonly implemented: readonly string[];
  readonly missing: readonly string[];
}

export function functionCoverage(): Coverage[] {
  const all = builtinNames();
  const split = (kind: Coverage['kind'], list: readonly string[], has: (n: string) => boolean): Coverage => ({
    kind, total: list.length, implemented: list.filter(has), missing: list.filter((n) => !has(n)),
  });
  return [
    split('function', all.functions, (n) => builtins.scalars.has(n) || BOUND_IN_BINDER.has(n)),
    split('aggregate', all.aggregates, (n) => builtins.aggregates.has(n) || ['arg_max', 'arg_min', 'argmax', 'argmin'].includes(n)),
    split('plugin', all.plugins, (n) => PLUGINS.has(n)),
  ];
}
