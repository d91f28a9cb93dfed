/**
 * The incident lifecycle an analyst drives (learn.microsoft.com/azure/sentinel/investigate-incidents): assign an
 * owner, move New → Active, close with a classification (Undetermined, TruePositive, BenignPositive, FalsePositive),
 * a reason and a comment, reopen. Every change appends a SecurityIncident row in its own transaction; the time of
 * the change is passed in (`--now`), never read from the wall clock here.
 */
import type { Store } from '../store/store.js';
import { transaction } from '../store/transaction.js';
import {
  CLASSIFICATION_REASONS, CLASSIFICATIONS, type Classification, type Incident, type IncidentOwner, type IncidentStatus,
} from './incident.js';
import { loadIncident, revisionTime, saveIncidents } from './incident-store.js';

export interface IncidentChange {
  readonly now: Date;
  /** Who made the change (ModifiedBy). */
  readonly by?: string;
}

export type LifecycleResult = { readonly ok: true; readonly incident: Incident } | { readonly ok: false; readonly message: string };

async function change(
  store: Store, number: number, c: IncidentChange, fn: (i: Incident, at: bigint) => Incident | string,
): Promise<LifecycleResult> {
  return transaction(store, async () => {
    const current = await loadIncident(store, number);
    if (!current) return { ok: false, message: `no incident number ${number} (see 'kqlwatch incidents')` } as const;
    const at = BigInt(c.now.getTime()) * 1_000_000n;
    const next = fn(current, at);
    if (typeof next === 'string') return { ok: false, message: next } as const;
    const incident: Incident = {
      ...next,
      lastModifiedTime: at,
      firstModifiedTime: current.firstModifiedTime ?? at,
      modifiedBy: c.by ?? 'kqlwatch',
      revisionTime: revisionTime(at, current.revisionTime),
    };
    await saveIncidents(store, [incident], new Set());
    return { ok: true, incident } as const;
  });
}

/** Sets the owner (the name or UPN given; empty to unassign). */
export function assignIncident(store: Store, number: number, owner: string, c: IncidentChange): Promise<LifecycleResult> {
  const o: IncidentOwner = owner === ''
    ? { objectId: null, email: null, assignedTo: null, userPrincipalName: null }
    : { objectId: null, email: owner.includes('@') ? owner : null, assignedTo: owner, userPrincipalName: owner.includes('@') ? owner : null };
  return change(store, number, c, (i) => ({ ...i, owner: o }));
}

/** New or Active (use closeIncident to close). Active on a closed incident reopens it. */
export function setIncidentStatus(store: Store, number: number, status: Exclude<IncidentStatus, 'Closed'>, c: IncidentChange): Promise<LifecycleResult> {
  return change(store, number, c, (i) =>
    i.status === 'Closed'
      ? { ...i, status, classification: '', classificationReason: '', classificationComment: '' }
      : { ...i, status });
}

export interface CloseOptions extends IncidentChange {
  readonly classification: Classification;
  readonly reason?: string;
  readonly comment?: string;
}

export function closeIncident(store: Store, number: number, o: CloseOptions): Promise<LifecycleResult> {
  if (!CLASSIFICATIONS.includes(o.classification)) {
    return Promise.resolve({ ok: false, message: `classification must be one of ${CLASSIFICATIONS.join(', ')}` });
  }
  const reasons = CLASSIFICATION_REASONS[o.classification];
  const reason = o.reason ?? reasons[0] ?? '';
  if (reason !== '' && !reasons.includes(reason)) {
    return Promise.resolve({
      ok: false,
      message: `reason '${reason}' does not go with ${o.classification}${reasons.length ? ` (use ${reasons.join(' or ')})` : ' (it takes none)'}`,
    });
  }
  return change(store, number, o, (i, at) => ({
    ...i, status: 'Closed', classification: o.classification, classificationReason: reason,
    classificationComment: o.comment ?? '', closedTime: at,
  }));
}
