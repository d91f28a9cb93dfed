/**
 * simulateTenant(options, emit, pause): generates a whole simulated tenant — background days for every user,
 * then the injected attacks and the benign look-alikes — handing each row to `emit` as it is made, and returns
 * the labels. Deterministic: the same options give the same rows in the same order. `pause` is awaited between
 * user-days so a writer can drain its buffers; nothing random depends on it.
 */
import { ATTACKS } from './attacks.js';
import { generateBackground } from './background.js';
import { BENIGN } from './benign.js';
import { DAY, type Emit, type SimContext } from './context.js';
import { instancesPerVariant, injectScenarios } from './scenario.js';
import type { Label } from './labels.js';
import { Rng } from './rng.js';
import { makeTenant, type Tenant } from './tenant.js';

export interface SimulateOptions {
  /** Accounts, service accounts included (at least 10, so every scenario finds a victim). */
  readonly users: number;
  /** Days of logs ending at `now`; fractions allowed. */
  readonly days: number;
  readonly seed: string;
  /** The end of the simulated period (exclusive): nothing is logged at or after it. */
  readonly now: Date;
}

export interface Simulation {
  readonly tenant: Tenant;
  readonly start: number;
  readonly end: number;
  readonly labels: readonly Label[];
}

export const GENERATOR = 'kqlwatch-sim/1';

export async function simulateTenant(options: SimulateOptions, emit: Emit, pause?: () => Promise<void> | void): Promise<Simulation> {
  const rng = new Rng(`${GENERATOR}/${options.seed}`);
  const tenant = makeTenant(options.users, rng);
  const end = options.now.getTime();
  const start = end - Math.round(options.days * DAY);
  const ctx: SimContext = { tenant, start, end, emit };
  await generateBackground(ctx, rng.fork('background'), pause);
  const instances = instancesPerVariant(options.users, options.days);
  // Victims are distinct across attacks and look-alikes while the tenant has enough users.
  const used = new Set<string>();
  const labels = [
    ...injectScenarios(ctx, rng.fork('background'), ATTACKS, instances, 'attack', used),
    ...injectScenarios(ctx, rng.fork('background'), BENIGN, instances, 'benign', used),
  ];
  return { tenant, start, end, labels };
}
