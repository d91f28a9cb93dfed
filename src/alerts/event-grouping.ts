/**
 * Event grouping (learn.microsoft.com/azure/sentinel/scheduled-rules-overview#event-grouping): SingleAlert puts
 * every result row in one alert; AlertPerResult gives each row its own alert, up to the per-run cap: with more rows
 * than the cap (150 scheduled, 30 NRT: …/near-real-time-rules) the first cap − 1 rows get an alert each and the
 * last alert summarises the whole result, as SingleAlert would have.
 */
import type { EventGrouping, RuleKind } from '../rules/model.js';

export const ALERTS_PER_RUN = { Scheduled: 150, NRT: 30 } as const satisfies Record<RuleKind, number>;

export interface EventGroup {
  readonly index: number;
  readonly rows: readonly number[];
  readonly isSummary: boolean;
}

export interface EventGroups {
  readonly groups: readonly EventGroup[];
  /** Rows that got no alert of their own (they are in the summary alert). */
  readonly rowsCut: number;
}

export function groupEvents(kind: EventGrouping, rowCount: number, cap: number): EventGroups {
  const all = Array.from({ length: rowCount }, (_, i) => i);
  if (kind === 'SingleAlert' || rowCount === 0) return { groups: [{ index: 0, rows: all, isSummary: false }], rowsCut: 0 };
  if (rowCount <= cap) return { groups: all.map((i) => ({ index: i, rows: [i], isSummary: false })), rowsCut: 0 };
  const groups: EventGroup[] = all.slice(0, cap - 1).map((i) => ({ index: i, rows: [i], isSummary: false }));
  groups.push({ index: cap - 1, rows: all, isSummary: true });
  return { groups, rowsCut: rowCount - (cap - 1) };
}
