/**
 * mapProperties(row, table, props, renames): camelCase source properties → Log Analytics columns of a table.
 * The default rule is the one formats.md §1.4 observes throughout: the column is the property's name with its
 * first letter upper-cased, matched without regard to case (`ipAddress` → IPAddress, `riskEventTypes_v2` →
 * RiskEventTypes_V2); `renames` holds the documented exceptions (`location` → LocationDetails). Properties with
 * no column are left out, as Log Analytics leaves them out (formats.md lists them).
 */
import type { TableSchema } from '../kql/syntax/catalog.js';
import type { Column } from '../kql/plan/types.js';

const lookups = new WeakMap<TableSchema, Map<string, Column>>();

/** The table's columns by lower-cased name. */
export function columnsByLowerName(table: TableSchema): Map<string, Column> {
  let m = lookups.get(table);
  if (!m) {
    m = new Map(table.columns.map((c) => [c.name.toLowerCase(), c]));
    lookups.set(table, m);
  }
  return m;
}

/** Source properties that never map by name: TenantId is the Log Analytics workspace, not the record's tenant. */
const NEVER = new Set(['tenantId']);

export function mapProperties(
  row: Record<string, unknown>,
  table: TableSchema,
  props: Record<string, unknown>,
  renames: Readonly<Record<string, string | null>> = {},
): void {
  const columns = columnsByLowerName(table);
  for (const key in props) {
    if (NEVER.has(key)) continue;
    const renamed = renames[key];
    if (renamed === null) continue;
    const column = columns.get((renamed ?? key).toLowerCase());
    if (column) row[column.name] = props[key];
  }
}

/** Sets a column when the table has it (exact name). */
export function setIf(row: Record<string, unknown>, table: TableSchema, column: string, value: unknown): void {
  if (value === undefined) return;
  if (columnsByLowerName(table).get(column.toLowerCase())?.name === column) row[column] = value;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
