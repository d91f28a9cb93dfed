/**
 * SimContext: what every generator module shares — the tenant, the simulated period [start, end), and the sink
 * rows go to. Rows timed outside the period are dropped here, in one place, so generators can think in whole
 * local days and whole scenarios.
 */
import { nonInteractiveRow, signinRow, type Row, type SignIn, type SimTable } from './rows.js';
import type { Tenant } from './tenant.js';

export type Emit = (table: SimTable, row: Row) => void;

export interface SimContext {
  readonly tenant: Tenant;
  /** Epoch milliseconds, inclusive. */
  readonly start: number;
  /** Epoch milliseconds (the simulation's `now`), exclusive. */
  readonly end: number;
  readonly emit: Emit;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function inPeriod(ctx: SimContext, time: number): boolean {
  return time >= ctx.start && time < ctx.end;
}

/** Writes a sign-in to SigninLogs (interactive) or AADNonInteractiveUserSignInLogs (silent). */
export function emitSignIn(ctx: SimContext, s: SignIn): void {
  if (!inPeriod(ctx, s.time)) return;
  if (s.interactive) ctx.emit('SigninLogs', signinRow(ctx.tenant, s));
  else ctx.emit('AADNonInteractiveUserSignInLogs', nonInteractiveRow(ctx.tenant, s));
}

export function emitRow(ctx: SimContext, table: SimTable, time: number, row: Row): void {
  if (inPeriod(ctx, time)) ctx.emit(table, row);
}
