/**
 * expectationFrom(actual): the `expect` block `kqlwatch test --update` writes for a new case: every alert with its
 * title, description, severity, entities, custom details and evidence row count, and every incident with its
 * alerts and status. It records what the rule does, not what it should do: review it before committing.
 */
import type { ActualOutcome } from './model.js';

export function expectationFrom(actual: ActualOutcome): Record<string, unknown> {
  const alerts = actual.alerts.map((a) => {
    const out: Record<string, unknown> = { title: a.title, description: a.description, severity: a.severity };
    if (a.entities.length > 0) out.entities = a.entities.map((e) => ({ type: e.type, ...e.identifiers }));
    if (Object.keys(a.customDetails).length > 0) out.customDetails = a.customDetails;
    out.evidence = a.evidence;
    return out;
  });
  const incidents = actual.incidents.map((i) => ({ alerts: [...i.alerts], status: i.status }));
  return { alerts: alerts.length === 0 ? 0 : alerts, incidents: incidents.length === 0 ? 0 : incidents };
}
