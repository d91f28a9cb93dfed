/**
 * Alert details (learn.microsoft.com/azure/sentinel/customize-alert-details): `{{Column}}` placeholders in the
 * display-name and description formats are filled from the alert's first result row (an alert of several rows uses
 * its first, as Sentinel does: MicrosoftDocs/azure-docs#79744); when a placeholder's column has no value the whole
 * text reverts to the rule's name/description. Severity, tactics and the other overridable properties come from
 * the named columns and revert to the rule's values when empty or not valid.
 */
import type { Cell } from '../kql/engine-types.js';
import type { Column } from '../kql/plan/types.js';
import type { AlertDetailsOverride, Rule, Severity } from '../rules/model.js';
import { SEVERITY_VALUES, TACTICS, TECHNIQUE } from '../rules/sentinel-schema.js';
import { isEmptyValue, renderValue } from './render-value.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The template with its placeholders filled, or undefined when one names a column without a value. */
export function fillTemplate(template: string, columns: readonly Column[], row: readonly Cell[] | undefined): string | undefined {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const i = columns.findIndex((c) => c.name === name);
    const value = i < 0 || !row ? '' : renderValue(row[i], columns[i]!.type);
    if (isEmptyValue(value)) missing = true;
    return value;
  });
  return missing ? undefined : text;
}

export interface AlertDetails {
  readonly displayName: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  /** Other SecurityAlert columns set by alertDynamicProperties. */
  readonly dynamicColumns: Record<string, string | number>;
}

function cellText(columns: readonly Column[], row: readonly Cell[] | undefined, name: string | undefined): string {
  if (!name || !row) return '';
  const i = columns.findIndex((c) => c.name === name);
  return i < 0 ? '' : renderValue(row[i], columns[i]!.type).trim();
}

function severityOf(text: string): Severity | undefined {
  return SEVERITY_VALUES.find((s) => s.toLowerCase() === text.toLowerCase()) as Severity | undefined;
}

/** A list column: a JSON array or comma-separated text; every item must be valid, or the default applies. */
function listOf(text: string, valid: (s: string) => string | undefined): string[] | undefined {
  if (isEmptyValue(text)) return undefined;
  let items: string[];
  try {
    const v: unknown = JSON.parse(text);
    items = Array.isArray(v) ? v.map(String) : text.split(',');
  } catch {
    items = text.split(',');
  }
  const out: string[] = [];
  for (const item of items.map((s) => s.trim()).filter((s) => s !== '')) {
    const ok = valid(item);
    if (!ok) return undefined;
    if (!out.includes(ok)) out.push(ok);
  }
  return out.length > 0 ? out : undefined;
}

const tactic = (s: string) => TACTICS.find((t) => t.toLowerCase() === s.toLowerCase());
const technique = (s: string) => (TECHNIQUE.test(s) ? s : undefined);

export function alertDetails(rule: Rule, columns: readonly Column[], row: readonly Cell[] | undefined): AlertDetails {
  const o: AlertDetailsOverride = rule.alertDetailsOverride ?? {};
  let displayName = (o.alertDisplayNameFormat && fillTemplate(o.alertDisplayNameFormat, columns, row)) || rule.name;
  let description = (o.alertDescriptionFormat && fillTemplate(o.alertDescriptionFormat, columns, row)) || rule.description;
  let severity = severityOf(cellText(columns, row, o.alertSeverityColumnName)) ?? rule.severity;
  let tactics = listOf(cellText(columns, row, o.alertTacticsColumnName), tactic) ?? rule.tactics;
  let techniques: readonly string[] = rule.relevantTechniques;
  const dynamicColumns: Record<string, string | number> = {};
  for (const p of o.alertDynamicProperties ?? []) {
    const text = cellText(columns, row, p.value);
    if (isEmptyValue(text)) continue;
    switch (p.alertProperty) {
      case 'AlertName':
        displayName = text;
        break;
      case 'Description':
        description = text;
        break;
      case 'AlertSeverity':
        severity = severityOf(text) ?? severity;
        break;
      case 'Tactics':
        tactics = listOf(text, tactic) ?? tactics;
        break;
      case 'Techniques':
        techniques = listOf(text, technique) ?? techniques;
        break;
      case 'ConfidenceScore': {
        const n = Number(text);
        if (Number.isFinite(n)) dynamicColumns.ConfidenceScore = n;
        break;
      }
      default:
        dynamicColumns[p.alertProperty] = text;
    }
  }
  return { displayName, description, severity, tactics, techniques, dynamicColumns };
}
