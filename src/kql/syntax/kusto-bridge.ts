/**
 * Loads Microsoft's Kusto.Language (Bridge.NET build, npm @kusto/language-service-next) once per process.
 * This is the only module that touches its globals; everything it returns is converted to plain
 * TypeScript values by parse.ts and catalog.ts before it leaves src/kql/syntax/.
 */
import { createRequire } from 'node:module';

// The Bridge.NET output has no typings worth using; keep the untyped surface inside this folder.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Untyped = any;

let loaded: Untyped | undefined;

export function kusto(): Untyped {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  // Load order matters: the Bridge runtime first, then the library. Both set globals.
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const g = globalThis as Untyped;
  loaded = g.Kusto.Language;
  return loaded;
}

let syntaxKindNames: Record<number, string> | undefined;

/** SyntaxKind number → Kusto's name for it ("FilterOperator", "EqualExpression"). */
export function syntaxKindName(kind: number): string {
  if (!syntaxKindNames) {
    const names: Record<number, string> = {};
    const SK = kusto().Syntax.SyntaxKind;
    for (const k of Object.keys(SK)) if (typeof SK[k] === 'number') names[SK[k]] = k;
    syntaxKindNames = names;
  }
  return syntaxKindNames[kind] ?? `Kind${kind}`;
}

/** Runs a call into the library, turning its exceptions (which embed the whole minified file) into short ones. */
export function guarded<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(`Kusto parser failed while ${what}: ${msg.slice(0, 300)}`);
  }
}
