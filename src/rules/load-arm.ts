/**
 * loadRuleArm(json, file): rules from the ARM JSON Sentinel exports — a template whose `resources` hold
 * `Microsoft.SecurityInsights/alertRules` (or `…/workspaces/providers/alertRules`) resources, a single rule as the
 * REST API returns it ({ name, kind, properties }), or an array of those. Property names are the API's
 * (https://learn.microsoft.com/azure/templates/microsoft.securityinsights/alertrules): displayName, techniques,
 * ISO 8601 durations, GreaterThan…; they are translated to the YAML names so one set of checks serves both.
 * JSON is read with the yaml package (JSON is YAML 1.2), which gives line numbers.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { buildRule, isObject } from './build-rule.js';
import { issue } from './issues.js';
import type { LoadResult, LoadedRule } from './load-yaml.js';
import type { RuleIssue } from './model.js';
import { nodeLocator, type RuleDocument } from './rule-document.js';

const RENAMED: Record<string, string> = {
  name: 'properties.displayName',
  relevantTechniques: 'properties.techniques',
  version: 'properties.templateVersion',
  kind: 'kind',
  id: 'name',
};
const QUERY_KINDS = new Set(['scheduled', 'nrt']);
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function loadRuleArm(json: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(json, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    return { rules: [], issues: [issue('error', 'RULE001', `the JSON does not parse: ${e.message.split('\n')[0]}`, { file, line: pos?.line ?? 1 })] };
  }
  const root = doc.contents as Node | null;
  const candidates: YAMLMap[] = [];
  const resources: unknown = isMap(root) ? root.get('resources', true) : undefined;
  if (isSeq(resources)) {
    for (const r of resources.items) {
      if (isMap(r) && /alertRules$/i.test(String(r.get('type') ?? ''))) candidates.push(r);
    }
  } else if (isMap(root) && isMap(root.get('properties', true))) {
    candidates.push(root);
  } else if (isSeq(root)) {
    for (const r of root.items) if (isMap(r) && isMap(r.get('properties', true))) candidates.push(r);
  }
  if (candidates.length === 0) {
    return { rules: [], issues: [issue('error', 'RULE001', 'no analytics rule found: expected an ARM template with Microsoft.SecurityInsights/alertRules resources, or a rule with kind and properties', { file, line: 1 })] };
  }

  const rules: LoadedRule[] = [];
  const issues: RuleIssue[] = [];
  for (const node of candidates) {
    const resource = node.toJS(doc) as Record<string, unknown>;
    const line = node.range ? lines.linePos(node.range[0]).line : 1;
    const locate = nodeLocator(node, lines, file, line, (p) => {
      const [head, ...rest] = p.split(/(?=[.[])/);
      const mapped = RENAMED[head!] ?? `properties.${head}`;
      return mapped + rest.join('');
    });
    const kind = String(resource.kind ?? '');
    if (!QUERY_KINDS.has(kind.toLowerCase())) {
      issues.push(issue('warning', 'RULE004', `rule kind '${kind || '(none)'}' is not a query rule; kqlwatch loads Scheduled and NRT rules only, so it is skipped`, locate('kind'), 'kind'));
      continue;
    }
    const p = isObject(resource.properties) ? resource.properties : {};
    const { displayName, techniques, templateVersion, ...rest } = p;
    const fields: Record<string, unknown> = {
      ...rest,
      id: ruleId(resource, p),
      kind,
      ...(displayName !== undefined ? { name: displayName } : {}),
      ...(techniques !== undefined ? { relevantTechniques: techniques } : {}),
      ...(templateVersion !== undefined ? { version: templateVersion } : {}),
    };
    const document: RuleDocument = { file, format: 'arm', fields, line, locate };
    const queryNode = (node.get('properties', true) as YAMLMap | undefined)?.get('query', true) as Node | undefined;
    const queryLine = queryNode?.range ? lines.linePos(queryNode.range[0]).line : undefined;
    const built = buildRule(document, queryLine);
    rules.push({ rule: built.rule, document, issues: built.issues });
  }
  return { rules, issues };
}

/** The rule's GUID: the last GUID in the resource name or id (`…/Microsoft.SecurityInsights/<guid>`), else its template name. */
function ruleId(resource: Record<string, unknown>, p: Record<string, unknown>): string | undefined {
  for (const v of [resource.name, resource.id]) {
    const all = typeof v === 'string' ? v.match(GUID) : null;
    if (all && all.length > 0) return all[all.length - 1]!;
  }
  return typeof p.alertRuleTemplateName === 'string' ? p.alertRuleTemplateName : undefined;
}
