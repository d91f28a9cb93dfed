/**
 * entityMappings: known entity types and identifiers ([validator] EntityMappingIdentifiers.cs; [entities] the
 * entity types reference), no identifier twice, one of the type's required identifier sets mapped, at most 10
 * mappings and 3 identifiers each ([entities] map-data-fields-to-entities: "up to ten entity mappings", "up to
 * three identifiers"), and column names Log Analytics can hold ([validator] ValidEntityMappingsAttribute.cs).
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { COLUMN_NAME, ENTITY_TYPES, LIMITS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';

export const entityMappings: RuleCheck = {
  name: 'entity-mappings',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    const err = (field: string, message: string) => out.push(issue('error', 'RULE006', message, document.locate(field), field));
    if (rule.entityMappings.length > LIMITS.entityMappings) {
      err(`entityMappings[${LIMITS.entityMappings}]`, `${rule.entityMappings.length} entity mappings; Sentinel allows at most ${LIMITS.entityMappings}`);
    }
    rule.entityMappings.forEach((m, i) => {
      const at = `entityMappings[${i}]`;
      const schema = ENTITY_TYPES[m.entityType];
      if (!schema) {
        const hint = Object.keys(ENTITY_TYPES).find((t) => t.toLowerCase() === m.entityType.toLowerCase());
        err(`${at}.entityType`, `entity type '${m.entityType}' is not a Sentinel entity type${hint ? ` (did you mean ${hint}?)` : ''}`);
      }
      if (m.fieldMappings.length === 0) err(`${at}.fieldMappings`, `entity mapping ${i + 1} (${m.entityType}) maps no identifier`);
      if (m.fieldMappings.length > LIMITS.identifiersPerMapping) {
        err(`${at}.fieldMappings[${LIMITS.identifiersPerMapping}]`, `entity mapping ${i + 1} (${m.entityType}) has ${m.fieldMappings.length} identifiers; at most ${LIMITS.identifiersPerMapping}`);
      }
      const used = new Set<string>();
      m.fieldMappings.forEach((fm, j) => {
        const fp = `${at}.fieldMappings[${j}]`;
        if (schema && !schema.identifiers.includes(fm.identifier)) {
          err(`${fp}.identifier`, `'${fm.identifier}' is not an identifier of ${m.entityType}; use one of ${schema.identifiers.join(', ')}`);
        }
        if (used.has(fm.identifier)) err(`${fp}.identifier`, `identifier '${fm.identifier}' is mapped twice in entity mapping ${i + 1}`);
        used.add(fm.identifier);
        if (!COLUMN_NAME.test(fm.columnName) || fm.columnName.length > LIMITS.columnNameLength) {
          err(`${fp}.columnName`, `column name '${fm.columnName}' is not a Log Analytics column name (a letter or _, then letters, digits, _)`);
        }
      });
      if (schema && m.fieldMappings.length > 0 && !schema.required.some((set) => set.every((id) => used.has(id)))) {
        err(`${at}.fieldMappings`, `entity mapping ${i + 1} (${m.entityType}) needs one of these identifiers: ${schema.required.map((s) => s.join('+')).join(', ')}`);
      }
    });
    return out;
  },
};
