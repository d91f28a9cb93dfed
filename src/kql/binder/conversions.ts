/** The KQL conversion function that turns text (or a dynamic value) into each Kusto type. */
import type { KustoType } from '../plan/types.js';

const CONVERT: Partial<Record<KustoType, string>> = {
  long: 'tolong', int: 'toint', real: 'todouble', decimal: 'todouble', datetime: 'todatetime', bool: 'tobool',
  timespan: 'totimespan', guid: 'toguid', dynamic: 'parse_json',
};

/** The registry name of the conversion to `type` (undefined for string: text needs none). */
export function conversionTo(type: KustoType): string | undefined {
  return CONVERT[type];
}
