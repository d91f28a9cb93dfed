/**
 * The facts the query checks need, computed once per rule: Microsoft's diagnostics and result schema (the
 * authority on whether the query is valid KQL against the Log Analytics schemas) and the outcome of kqlwatch's
 * own compiler (whether kqlwatch can run it). compileKql already runs Microsoft's parser first; parseKql is called
 * again only when our binder fails, to get the result schema Microsoft's binder computed.
 */
import { compileKql } from '../../kql/engine.js';
import type { Column } from '../../kql/plan/types.js';
import type { Catalog } from '../../kql/syntax/catalog.js';
import type { KqlDiagnostic } from '../../kql/syntax/diagnostics.js';
import { parseKql } from '../../kql/syntax/parse.js';
import { defaultCatalog } from '../../store/schemas.js';

export interface QueryFacts {
  /** Diagnostics of Microsoft's parser and binder (KS###), errors and warnings. */
  readonly kusto: readonly KqlDiagnostic[];
  /** kqlwatch's own compile errors (KQW###) when Microsoft's binder accepted the query. */
  readonly engine: readonly KqlDiagnostic[];
  /** The query's result columns, when the query binds. */
  readonly schema?: readonly Column[];
  /** kqlwatch's compiler threw (a bug of ours): the message. */
  readonly crash?: string;
}

/** Validation does not depend on the clock: now() is fixed. */
const VALIDATION_NOW = new Date(Date.UTC(2024, 0, 1));

export function queryFacts(text: string, catalog: Catalog = defaultCatalog()): QueryFacts {
  if (text.trim() === '') return { kusto: [], engine: [] };
  let compiled: ReturnType<typeof compileKql>;
  try {
    compiled = compileKql(text, { catalog, now: VALIDATION_NOW });
  } catch (e) {
    // A bug of ours must not hide what Microsoft's binder says about the rule.
    const parsed = parseKql(text, catalog);
    const crash = e instanceof Error ? e.message : String(e);
    return { kusto: parsed.diagnostics, engine: [], crash, ...(parsed.resultSchema ? { schema: parsed.resultSchema } : {}) };
  }
  if (compiled.ok) return { kusto: compiled.query.diagnostics, engine: [], schema: compiled.query.schema };
  const ours = compiled.diagnostics.filter((d) => d.code.startsWith('KQW'));
  if (ours.length === 0) return { kusto: compiled.diagnostics, engine: [] };
  const parsed = parseKql(text, catalog);
  return { kusto: parsed.diagnostics, engine: ours, ...(parsed.resultSchema ? { schema: parsed.resultSchema } : {}) };
}
