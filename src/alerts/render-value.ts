/**
 * A result cell as text, the way Sentinel puts query values into alert names, descriptions, custom details and
 * entity identifiers: strings as they are, dynamic values as their compact JSON text (`["c2","aitm"]`),
 * datetimes in Kusto's ISO form, numbers and bools as Kusto prints them (kql/format/format-cell.ts).
 */
import type { Cell } from '../kql/engine-types.js';
import type { KustoType } from '../kql/plan/types.js';
import { formatCell } from '../kql/format/format-cell.js';

export function renderValue(cell: Cell | undefined, type: KustoType): string {
  if (cell === undefined || cell === null) return '';
  if (type === 'dynamic' && typeof cell === 'string') {
    // Dynamic cells come as JSON text; a JSON string renders as the string itself.
    try {
      const v: unknown = JSON.parse(cell);
      if (typeof v === 'string') return v;
      if (v === null) return '';
    } catch {
      return cell;
    }
    return cell;
  }
  return formatCell(cell, type);
}

/** Empty as Sentinel treats it: no value, an empty string, or an empty array/bag. */
export function isEmptyValue(text: string): boolean {
  return text === '' || text === '[]' || text === '{}';
}
