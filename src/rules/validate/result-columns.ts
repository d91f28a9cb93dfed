/**
 * Columns the rule reads from each result row — entity mapping columns, custom detail values, `{{placeholders}}`
 * of alertDetailsOverride, its severity/tactics columns and dynamic property values — must be columns of the
 * query's result (the schema Microsoft's binder computes; Sentinel's wizard offers only those). Skipped when the
 * query does not bind.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { placeholders } from './alert-details-override.js';
import type { RuleCheck } from './check.js';

export const resultColumns: RuleCheck = {
  name: 'result-columns',
  run({ rule, document, query }) {
    const out: RuleIssue[] = [];
    if (!query.schema) return out;
    const names = new Set(query.schema.map((c) => c.name));
    const shown = query.schema.map((c) => c.name).join(', ');
    const need = (column: string, field: string, what: string, severity: 'error' | 'warning' = 'error') => {
      if (column === '' || names.has(column)) return;
      const near = query.schema!.find((c) => c.name.toLowerCase() === column.toLowerCase());
      // A spelling that differs only by case is a warning: Kusto names are case-sensitive, whether Sentinel's
      // mapping is too is not documented.
      out.push(issue(near ? 'warning' : severity, 'RULE010', `${what} '${column}' is not a column of the query's result${near ? ` (column names are case-sensitive: did you mean ${near.name}?)` : `; the result has ${shown}`}`, document.locate(field), field));
    };
    rule.entityMappings.forEach((m, i) => m.fieldMappings.forEach((fm, j) => {
      need(fm.columnName, `entityMappings[${i}].fieldMappings[${j}].columnName`, `${m.entityType}.${fm.identifier} maps`);
    }));
    for (const [key, column] of Object.entries(rule.customDetails)) need(column, `customDetails.${key}`, `custom detail ${key} reads`);
    const o = rule.alertDetailsOverride;
    if (o) {
      for (const name of ['alertDisplayNameFormat', 'alertDescriptionFormat'] as const) {
        for (const p of placeholders(o[name] ?? '')) need(p, `alertDetailsOverride.${name}`, `placeholder {{${p}}} names`);
      }
      if (o.alertSeverityColumnName) need(o.alertSeverityColumnName, 'alertDetailsOverride.alertSeverityColumnName', 'alertSeverityColumnName');
      if (o.alertTacticsColumnName) need(o.alertTacticsColumnName, 'alertDetailsOverride.alertTacticsColumnName', 'alertTacticsColumnName');
      // Dynamic properties fall back to the default when the column is missing or empty (customize-alert-details), and
      // the issue's list (mappings, details, templates) leaves them out: a warning.
      o.alertDynamicProperties?.forEach((d, i) => need(d.value, `alertDetailsOverride.alertDynamicProperties[${i}].value`, `dynamic property ${d.alertProperty} reads`, 'warning'));
    }
    return out;
  },
};
