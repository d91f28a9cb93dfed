/**
 * What a validation check is: a name and a function from the rule (typed, its raw document, and the facts about
 * its query) to issues. One check per file in this folder (pySigma's validators/core/*.py); validate-rule.ts runs
 * them all. Checks never throw on user input.
 */
import type { Rule, RuleIssue } from '../model.js';
import type { RuleDocument } from '../rule-document.js';
import type { QueryFacts } from './query-facts.js';

export interface CheckContext {
  readonly rule: Rule;
  readonly document: RuleDocument;
  /** Computed on first use: the query compiled with Microsoft's binder and with kqlwatch's engine. */
  readonly query: QueryFacts;
}

export interface RuleCheck {
  readonly name: string;
  run(ctx: CheckContext): RuleIssue[];
}
