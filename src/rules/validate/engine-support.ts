/**
 * Whether kqlwatch's engine compiles the query Microsoft's binder accepted. When it does not, the rule is still
 * valid (Sentinel runs it) and the warning says which: RULE201 for what kqlwatch leaves out by design or has not
 * got as a Sentinel feature (`externaldata` fetches a URL at run time; `table()` names a table at run time), RULE202
 * for a KQL construct our engine does not run yet (a gap of ours, KQW1xx/KQW2xx).
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import type { RuleCheck } from './check.js';
import { diagnosticMessage, queryLocation } from './kql-text.js';

const SENTINEL_FEATURE = /ExternalData|externaldata|'table\(\)'/;

export const engineSupport: RuleCheck = {
  name: 'engine-support',
  run({ rule, document, query }) {
    const out: RuleIssue[] = [];
    for (const d of query.engine) {
      const at = queryLocation(rule, document, d.line, d.column);
      const feature = SENTINEL_FEATURE.test(d.message);
      out.push(issue('warning', feature ? 'RULE201' : 'RULE202',
        `kqlwatch cannot run this rule: ${diagnosticMessage(d, document)} [${d.code}]${feature ? '' : ' — a gap in kqlwatch\'s engine'}`, at, 'query'));
    }
    if (query.crash !== undefined && !query.kusto.some((d) => d.severity === 'error')) {
      out.push(issue('warning', 'RULE202', `kqlwatch cannot run this rule: its compiler failed on the query (a bug of ours, please report it): ${query.crash}`, document.locate('query'), 'query'));
    }
    return out;
  },
};
