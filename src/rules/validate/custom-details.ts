/**
 * customDetails: at most 20 ([details] "You can define up to 20 custom details in a single analytics rule"); keys
 * start with a letter and hold only letters, digits or _; values are column names of at most 500 characters
 * ([validator] QueryBasedTemplateInternalModel.cs DictionaryLength/DictionaryMaxKeyAndValueLengths/…Regex). The
 * repository validator's 20-character key limit is not in Sentinel's documentation, so a longer key is a warning.
 */
import { issue } from '../issues.js';
import type { RuleIssue } from '../model.js';
import { COLUMN_NAME, DETAIL_KEY, LIMITS } from '../sentinel-schema.js';
import type { RuleCheck } from './check.js';

export const customDetails: RuleCheck = {
  name: 'custom-details',
  run({ rule, document }) {
    const out: RuleIssue[] = [];
    const entries = Object.entries(rule.customDetails);
    if (entries.length > LIMITS.customDetails) {
      out.push(issue('error', 'RULE007', `${entries.length} custom details; Sentinel allows at most ${LIMITS.customDetails}`, document.locate('customDetails'), 'customDetails'));
    }
    for (const [key, column] of entries) {
      const field = `customDetails.${key}`;
      if (!DETAIL_KEY.test(key)) {
        out.push(issue('error', 'RULE007', `custom detail name '${key}' must start with a letter and hold only letters, digits or _`, document.locate(field), field));
      } else if (key.length > LIMITS.customDetailKeyLength) {
        out.push(issue('warning', 'RULE007', `custom detail name '${key}' is ${key.length} characters long; the Azure-Sentinel repository's validator allows at most ${LIMITS.customDetailKeyLength}`, document.locate(field), field));
      }
      if (!COLUMN_NAME.test(column) || column.length > LIMITS.columnNameLength) {
        out.push(issue('error', 'RULE007', `custom detail '${key}' names '${column}', which is not a column name (a letter or _, then letters, digits, _; at most ${LIMITS.columnNameLength})`, document.locate(field), field));
      }
    }
    return out;
  },
};
