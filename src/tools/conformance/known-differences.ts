/**
 * Known differences: conformance examples we expect to fail for a stated reason (mostly mistakes in the
 * docs, e.g. asin-function#1). They stay FAILED in the counts and are listed separately with their reason
 * (BabyKusto's `Skip = "…"`, hono's `skip: [{ reason, tests }]`). File: test/conformance/known-differences.json.
 */
import { readFileSync } from 'node:fs';

export interface KnownDifference {
  readonly id: string;
  readonly reason: string;
}

/** Reads and checks the file: an array of { id, reason }, every reason non-empty, no id twice. */
export function loadKnownDifferences(path: string): KnownDifference[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read known differences (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) throw new Error(`${path}: expected a JSON array of { "id", "reason" }`);
  const seen = new Set<string>();
  return value.map((entry: unknown, i) => {
    const e = entry as Partial<KnownDifference> | null;
    if (e === null || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.reason !== 'string' || e.reason.trim() === '') {
      throw new Error(`${path}: entry ${i + 1} needs a string "id" and a non-empty "reason"`);
    }
    if (seen.has(e.id)) throw new Error(`${path}: id ${e.id} is listed twice`);
    seen.add(e.id);
    return { id: e.id, reason: e.reason };
  });
}
