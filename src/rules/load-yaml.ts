/**
 * loadRuleYaml(text, file): one analytics rule in the YAML schema of the public Azure-Sentinel repository
 * (https://github.com/Azure/Azure-Sentinel/wiki/Query-Style-Guide, Detections/*.yaml). Line numbers come from the
 * `yaml` package's Document + LineCounter, so every issue names file:line and the field. Never throws on user input:
 * a file that does not parse yields RULE001 issues and no rule.
 */
import { isMap, isScalar, LineCounter, parseDocument, Scalar, type Node } from 'yaml';
import { buildRule } from './build-rule.js';
import { issue } from './issues.js';
import type { Rule, RuleIssue } from './model.js';
import { nodeLocator, type RuleDocument } from './rule-document.js';

export interface LoadedRule {
  readonly rule: Rule;
  readonly document: RuleDocument;
  /** Problems found while loading (wrong value shapes, unknown fields); validateRule adds the checks. */
  readonly issues: readonly RuleIssue[];
}

export interface LoadResult {
  readonly rules: readonly LoadedRule[];
  /** Problems with the file as a whole (does not parse, holds no rule). */
  readonly issues: readonly RuleIssue[];
}

/** Fields of the repository schema and of its Solutions packaging that are not part of the Rule model. */
const KNOWN_FIELDS = new Set([
  'id', 'name', 'description', 'severity', 'requiredDataConnectors', 'queryFrequency', 'queryPeriod', 'triggerOperator',
  'triggerThreshold', 'tactics', 'relevantTechniques', 'query', 'entityMappings', 'customDetails', 'alertDetailsOverride',
  'incidentConfiguration', 'eventGroupingSettings', 'suppressionEnabled', 'suppressionDuration', 'kind', 'version',
  'status', 'enabled', 'tags', 'metadata', 'threatAnalysisTactics', 'threatAnalysisTechniques', 'source', 'author',
  'support', 'categories', 'subTechniques', 'sentinelEntitiesMappings', 'alertRuleTemplateName', 'displayName',
  'templateVersion', 'techniques', 'productFilter', 'queryDefinitions',
]);

export function loadRuleYaml(text: string, file: string): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      rules: [],
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return issue('error', 'RULE001', `the YAML does not parse: ${message}`, { file, line: pos?.line ?? 1, ...(pos ? { column: pos.col } : {}) });
      }),
    };
  }
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    return { rules: [], issues: [issue('error', 'RULE001', 'the file holds no rule: expected a map of rule fields (id, name, query, …)', { file, line: 1 })] };
  }
  const fields = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const line = root.range ? lines.linePos(root.range[0]).line : 1;
  const queryLine = queryLineOf(root.get('query', true), lines);
  const queryIndent = queryLine === undefined ? undefined : /^[ \t]*/.exec(text.split(/\r?\n/)[queryLine - 1] ?? '')![0].length;
  const document: RuleDocument = {
    file, format: 'yaml', fields, line, locate: nodeLocator(root, lines, file, line), ...(queryIndent ? { queryIndent } : {}),
  };

  const issues: RuleIssue[] = [];
  for (const key of Object.keys(fields)) {
    if (!KNOWN_FIELDS.has(key)) {
      issues.push(issue('warning', 'RULE012', `unknown field '${key}' is ignored (a typo of a Sentinel field?)`, document.locate(key), key));
    }
  }
  const built = buildRule(document, queryLine);
  return { rules: [{ rule: built.rule, document, issues: [...issues, ...built.issues] }], issues: [] };
}

/** The file line of the query's first line: the line after a block scalar's `|`, else the scalar's own line. */
function queryLineOf(node: unknown, lines: LineCounter): number | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const line = lines.linePos(node.range[0]).line;
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED ? line + 1 : line;
}
