/**
 * The one table of built-in KQL functions, aggregates and operators, keyed by the name Microsoft's binder
 * resolved. Families are spread in from one file each; a duplicate name is a bug and throws at load.
 */
import type { FunctionDef } from './define.js';
import { aggregateFunctions } from './aggregates.js';
import { conditionalFunctions } from './conditional.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { dynamicFunctions } from './dynamic.js';
import { encodingFunctions } from './encoding.js';
import { ipFunctions } from './ip.js';
import { mathFunctions } from './math.js';
import { operatorFunctions } from './operators.js';
import { seriesFunctions } from './series.js';
import { stringFunctions } from './string.js';
import { windowFunctions } from './window.js';

export interface Registry {
  readonly scalars: ReadonlyMap<string, FunctionDef>;
  readonly aggregates: ReadonlyMap<string, FunctionDef>;
  readonly operators: ReadonlyMap<string, FunctionDef>;
}

export function buildRegistry(defs: readonly FunctionDef[]): Registry {
  const scalars = new Map<string, FunctionDef>();
  const aggregates = new Map<string, FunctionDef>();
  const operators = new Map<string, FunctionDef>();
  for (const d of defs) {
    const table = d.kind === 'scalar' ? scalars : d.kind === 'aggregate' ? aggregates : operators;
    for (const name of [d.name, ...(d.aliases ?? [])]) {
      if (table.has(name)) throw new Error(`duplicate ${d.kind} '${name}' in the function registry`);
      table.set(name, d);
    }
  }
  return { scalars, aggregates, operators };
}

export const builtins: Registry = buildRegistry([
  ...operatorFunctions,
  ...stringFunctions,
  ...encodingFunctions,
  ...conditionalFunctions,
  ...conversionFunctions,
  ...dynamicFunctions,
  ...datetimeFunctions,
  ...mathFunctions,
  ...ipFunctions,
  ...aggregateFunctions,
  ...windowFunctions,
  ...seriesFunctions,
]);
