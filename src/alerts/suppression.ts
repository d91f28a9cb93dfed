/**
 * Suppression (learn.microsoft.com/azure/sentinel/scheduled-rules-overview#suppression): with suppressionEnabled,
 * a rule that generated an alert stops running its query for suppressionDuration. A run scheduled within that span
 * after the alerting run's slot is recorded as suppressed and does not query.
 */
import type { Rule } from '../rules/model.js';

export function isSuppressed(rule: Rule, scheduledTime: Date, lastAlertingRun: Date | undefined): boolean {
  if (!rule.suppressionEnabled || lastAlertingRun === undefined) return false;
  const since = scheduledTime.getTime() - lastAlertingRun.getTime();
  return since > 0 && since < rule.suppressionDuration;
}
