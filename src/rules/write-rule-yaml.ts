/**
 * writeRuleYaml(fields): clean rule YAML in the public repository's layout — its field order, description and
 * query as `|` block scalars (the query's text kept exactly), lists indented under their key, no line folding.
 */
import { Document, isScalar, Scalar, visit } from 'yaml';

/** The field order of the Azure-Sentinel repository's rule files; fields not listed follow in their own order. */
export const FIELD_ORDER = [
  'id', 'name', 'description', 'severity', 'requiredDataConnectors', 'queryFrequency', 'queryPeriod', 'triggerOperator',
  'triggerThreshold', 'tactics', 'relevantTechniques', 'query', 'entityMappings', 'customDetails', 'alertDetailsOverride',
  'incidentConfiguration', 'eventGroupingSettings', 'suppressionEnabled', 'suppressionDuration', 'status', 'enabled',
  'version', 'kind', 'tags', 'metadata',
];

const BLOCK_FIELDS = new Set(['description', 'query']);

export function writeRuleYaml(fields: Readonly<Record<string, unknown>>): string {
  const ordered: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) if (fields[k] !== undefined) ordered[k] = fields[k];
  for (const [k, v] of Object.entries(fields)) if (!(k in ordered) && v !== undefined) ordered[k] = v;
  const doc = new Document(ordered);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && BLOCK_FIELDS.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.includes('\n')) {
        pair.value.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
