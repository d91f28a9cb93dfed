/**
 * Custom details (learn.microsoft.com/azure/sentinel/surface-custom-details-in-alerts): each key takes the values of
 * its column in the alert's rows, as an array of strings (what Sentinel shows under ExtendedProperties
 * "Custom Details"); empty values are left out and a key with no value is omitted. Limits as documented: 20 details
 * per rule, 64 KB for custom and alert details together; values past the size limit are cut and reported.
 */
import type { Cell } from '../kql/engine-types.js';
import type { Column } from '../kql/plan/types.js';
import { isEmptyValue, renderValue } from './render-value.js';

export const MAX_CUSTOM_DETAILS = 20;
export const MAX_DETAILS_BYTES = 64 * 1024;

export interface CustomDetailsResult {
  readonly details: Record<string, string[]>;
  readonly notes: string[];
}

export function buildCustomDetails(
  customDetails: Readonly<Record<string, string>>,
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  otherDetailsBytes = 0,
): CustomDetailsResult {
  const notes: string[] = [];
  const entries = Object.entries(customDetails);
  if (entries.length > MAX_CUSTOM_DETAILS) notes.push(`only the first ${MAX_CUSTOM_DETAILS} of ${entries.length} custom details were used`);
  const details: Record<string, string[]> = {};
  for (const [key, column] of entries.slice(0, MAX_CUSTOM_DETAILS)) {
    const i = columns.findIndex((c) => c.name === column);
    if (i < 0) continue;
    const values: string[] = [];
    for (const row of rows) {
      const text = renderValue(row[i], columns[i]!.type);
      if (!isEmptyValue(text)) values.push(text);
    }
    if (values.length > 0) details[key] = values;
  }
  // Trim the longest arrays from their end until the bag fits beside the alert details.
  let size = Buffer.byteLength(JSON.stringify(details)) + otherDetailsBytes;
  let cut = 0;
  while (size > MAX_DETAILS_BYTES) {
    const longest = Object.entries(details).sort((a, b) => b[1].length - a[1].length)[0];
    if (!longest) break;
    const removed = longest[1].pop()!;
    if (longest[1].length === 0) delete details[longest[0]];
    size -= Buffer.byteLength(JSON.stringify(removed)) + 1;
    cut++;
  }
  if (cut > 0) notes.push(`${cut} custom detail values were cut to keep the details under ${MAX_DETAILS_BYTES / 1024} KB`);
  return { details, notes };
}
