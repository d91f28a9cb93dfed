/**
 * A rule as read from its file, before typing: the fields under Sentinel's YAML names (ARM property names are
 * translated by load-arm.ts), plus a locator that turns a field path (`entityMappings[1].fieldMappings[0].columnName`)
 * into file:line:column. Validation checks read this (raw values, so they can say what is wrong) and the typed Rule.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from './model.js';

export interface RuleDocument {
  readonly file: string;
  readonly format: 'yaml' | 'arm';
  /** Fields under Sentinel's YAML names, as plain JS values. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Line of the rule's first field. */
  readonly line: number;
  /** Columns the query's lines are indented by in the file (a YAML block scalar's indentation), for KQL columns. */
  readonly queryIndent?: number;
  /** Where a field path is written (the nearest written ancestor when the field itself is absent). */
  locate(path: string): SourceLocation;
}

/** `a.b[2].c` → ['a', 'b', 2, 'c'] */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** A locator over a YAML (or JSON) node tree; `translate` maps a Sentinel YAML path onto the file's own path. */
export function nodeLocator(
  root: Node | null | undefined,
  lines: LineCounter,
  file: string,
  fallbackLine: number,
  translate: (path: string) => string = (p) => p,
): (path: string) => SourceLocation {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  return (path) => {
    let node: Node | null | undefined = root;
    let best: SourceLocation = root?.range ? at(root.range[0]) : { file, line: fallbackLine };
    for (const seg of pathSegments(translate(path))) {
      if (typeof seg === 'number' && isSeq(node)) {
        node = node.items[seg] as Node | undefined;
      } else if (typeof seg === 'string' && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) break;
        const value = pair.value as Node | null;
        if (!value?.range) {
          const key = pair.key as Node;
          if (key.range) best = at(key.range[0]);
          break;
        }
        node = value;
      } else {
        break;
      }
      if (!node?.range) break;
      best = at(node.range[0]);
    }
    return best;
  };
}
