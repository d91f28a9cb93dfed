/**
 * What the HTTP API works on: the store, the rules it serves and schedules, the clock, the limits, and one lock.
 * DuckDB's connection runs one statement at a time and the scheduler writes in transactions, so every use of the
 * store from the API and the scheduler loop goes through `ctx.withStore` (a FIFO lock) — an API write never lands
 * inside a scheduler transaction. Rules are loaded from disk; enabling/disabling one is stored in the database
 * (`kqlwatch_rule_overrides`), never written back to the rule file.
 */
import {
  loadRules, validateRule, type Rule, type RuleIssue, type Store,
} from '../index.js';

export interface ServerLimits {
  /** Largest JSON body (bytes). */
  readonly jsonBodyBytes: number;
  /** Largest upload to /api/ingest (bytes). */
  readonly uploadBytes: number;
  /** A KQL console query is interrupted after this long (ms). */
  readonly queryTimeoutMs: number;
  /** At most this many rows come back from a KQL console query. */
  readonly queryMaxRows: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  jsonBodyBytes: 1024 * 1024,
  uploadBytes: 256 * 1024 * 1024,
  queryTimeoutMs: 30_000,
  queryMaxRows: 10_000,
};

export interface ServedRule {
  readonly rule: Rule;
  readonly file: string;
  readonly issues: readonly RuleIssue[];
  /** Sentinel would accept it and kqlwatch can run it. */
  readonly runnable: boolean;
}

/** What the scheduler loop last did (health endpoint). */
export interface SchedulerStatus {
  running: boolean;
  lastTick: string | null;
  lastError: string | null;
  runs: number;
}

export interface ServerContext {
  readonly store: Store;
  readonly now: () => Date;
  readonly limits: ServerLimits;
  /** When set, every /api request must carry it (Authorization: Bearer …). */
  readonly token?: string;
  /** Host names (Host header without the port) the API answers to (DNS-rebinding guard); undefined accepts any. */
  readonly allowedHosts?: readonly string[];
  /** Runs fn with the store to itself. */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** The rules, as loaded (with the enabled state from the database applied). */
  rules(): Promise<readonly ServedRule[]>;
  setRuleEnabled(id: string, enabled: boolean): Promise<boolean>;
  /** Rule file problems that are not about one rule (unreadable files, bad YAML). */
  readonly loadIssues: readonly RuleIssue[];
  readonly scheduler: SchedulerStatus;
}

export interface ServerContextOptions {
  readonly rulePaths?: readonly string[];
  readonly now?: () => Date;
  readonly limits?: Partial<ServerLimits>;
  readonly token?: string;
  readonly allowedHosts?: readonly string[];
  /** Rules given directly (tests), instead of or besides rulePaths. */
  readonly rules?: readonly Rule[];
}

const OVERRIDES = 'kqlwatch_rule_overrides';

export function createServerContext(store: Store, options: ServerContextOptions = {}): ServerContext {
  let queue: Promise<unknown> = Promise.resolve();
  const withStore = <T>(fn: (s: Store) => Promise<T>): Promise<T> => {
    const run = queue.then(() => fn(store));
    queue = run.catch(() => undefined);
    return run;
  };
  const served: ServedRule[] = [];
  const loadIssues: RuleIssue[] = [];
  if (options.rulePaths && options.rulePaths.length > 0) {
    const loaded = loadRules(options.rulePaths);
    loadIssues.push(...loaded.issues);
    for (const l of loaded.rules) {
      const report = validateRule(l);
      served.push({ rule: l.rule, file: report.file, issues: report.issues, runnable: report.runnable });
    }
  }
  for (const rule of options.rules ?? []) served.push({ rule, file: rule.source.file, issues: [], runnable: true });

  // Read once, then kept in step with every change: listing rules never waits for the store lock.
  let cached: Promise<Map<string, boolean>> | undefined;
  const createOverrides = (s: Store) => s.connection.run(
    `CREATE TABLE IF NOT EXISTS ${OVERRIDES} (RuleId VARCHAR PRIMARY KEY, Enabled BOOLEAN NOT NULL)`);
  const overrides = (): Promise<Map<string, boolean>> => {
    cached ??= withStore(async (s) => {
      await createOverrides(s);
      const reader = await s.connection.runAndReadAll(`SELECT RuleId, Enabled FROM ${OVERRIDES}`);
      return new Map(reader.getRowObjectsJS().map((r) => [String(r.RuleId), Boolean(r.Enabled)]));
    });
    return cached;
  };

  return {
    store,
    now: options.now ?? (() => new Date()),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    token: options.token,
    allowedHosts: options.allowedHosts,
    withStore,
    loadIssues,
    scheduler: { running: false, lastTick: null, lastError: null, runs: 0 },
    async rules() {
      const o = await overrides();
      return served.map((s) => (o.has(s.rule.id) ? { ...s, rule: { ...s.rule, enabled: o.get(s.rule.id)! } } : s));
    },
    async setRuleEnabled(id, enabled) {
      if (!served.some((s) => s.rule.id === id)) return false;
      const o = await overrides();
      await withStore(async (s) => {
        await createOverrides(s);
        const prepared = await s.connection.prepare(`INSERT OR REPLACE INTO ${OVERRIDES} VALUES ($1, $2)`);
        prepared.bindVarchar(1, id);
        prepared.bindBoolean(2, enabled);
        await prepared.run();
      });
      o.set(id, enabled);
      return true;
    },
  };
}
