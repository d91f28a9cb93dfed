/**
 * The Log Analytics table schemas this package ships: `schemas/la_table_schemas.csv` (every table in the Azure
 * Monitor table reference) overlaid by the curated `schemas/tables/*.json`, which replace a table entirely.
 * See https://learn.microsoft.com/azure/azure-monitor/reference/tables-index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { makeCatalog, type Catalog, type TableSchema } from '../kql/syntax/catalog.js';
import { toKustoType, type Column } from '../kql/plan/types.js';
import { csvRows } from './csv-rows.js';

// dist/store/schemas.js and src/store/schemas.ts both sit two levels below the package root.
const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

interface CuratedTable {
  readonly name: string;
  readonly columns: readonly { name: string; type: string }[];
  readonly additionalColumns?: readonly { name: string; type: string }[];
}

let cachedSchemas: TableSchema[] | undefined;
let cachedCatalog: Catalog | undefined;

/** Every table schema shipped with kqlwatch, sorted by name (read once, then cached). */
export function loadSchemas(): TableSchema[] {
  if (cachedSchemas) return cachedSchemas;
  const byTable = new Map<string, { name: string; type: string }[]>();
  const rows = csvRows(readFileSync(new URL('la_table_schemas.csv', SCHEMAS_DIR), 'utf8'));
  for (const [table, column, type] of rows.slice(1)) {
    if (!table || !column) continue;
    let cols = byTable.get(table);
    if (!cols) byTable.set(table, (cols = []));
    cols.push({ name: column, type: type ?? '' });
  }
  const curatedDir = new URL('tables/', SCHEMAS_DIR);
  for (const file of readdirSync(curatedDir).filter((f) => f.endsWith('.json')).sort()) {
    const t = JSON.parse(readFileSync(new URL(file, curatedDir), 'utf8')) as CuratedTable;
    byTable.set(t.name, [...t.columns, ...(t.additionalColumns ?? [])]);
  }
  cachedSchemas = [...byTable.keys()].sort().map((name) => ({ name, columns: toColumns(byTable.get(name)!) }));
  return cachedSchemas;
}

/** The catalog of every shipped table (built once, then cached). */
export function defaultCatalog(): Catalog {
  cachedCatalog ??= makeCatalog(loadSchemas());
  return cachedCatalog;
}

function toColumns(raw: readonly { name: string; type: string }[]): Column[] {
  const seen = new Set<string>();
  const out: Column[] = [];
  for (const c of raw) {
    // The reference pages list a few columns twice, some differing only in case (DeviceEtw `type`/`Type`);
    // DuckDB column names are case-insensitive, so the first spelling wins and the table stays creatable.
    const key = c.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: c.name, type: toKustoType(c.type) ?? 'dynamic' });
  }
  return out;
}
