/**
 * writeSimulation(options, targets): runs simulateTenant once and writes what it makes to NDJSON files (one
 * `<Table>.ndjson` per table plus `labels.json` in `out`), straight into a store, or both. The store path is the
 * ingest fast path without the text round trip: every value goes through ingest's own column conversion (so it
 * is checked against the table schema exactly as `kqlwatch ingest` checks it), rows are appended in
 * DuckDB-vector-sized chunks into a staging table holding only the columns the simulator fills, and moved into
 * the table with one INSERT … SELECT, all in one transaction.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { columnValue, Rejected, type ColumnValue } from '../ingest/column-value.js';
import { ident } from '../kql/sql/sql-text.js';
import { INGESTION_TIME_COLUMN, tableSchema, type Store } from '../store/store.js';
import { formatLabels, type LabelsFile } from './labels.js';
import { TABLES, type Row, type SimTable } from './rows.js';
import { GENERATOR, simulateTenant, type SimulateOptions, type Simulation } from './simulate-tenant.js';
import { isoTime } from './rows.js';

export interface WriteTargets {
  /** A directory for `<Table>.ndjson` files and `labels.json` (created when missing). */
  readonly out?: string;
  /** A store to load the rows into. */
  readonly store?: Store;
}

export interface WriteSummary {
  readonly rows: Record<SimTable, number>;
  readonly labels: LabelsFile;
  readonly ms: number;
}

export async function writeSimulation(options: SimulateOptions, targets: WriteTargets): Promise<WriteSummary> {
  const started = performance.now();
  const rows = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<SimTable, number>;
  const files = targets.out ? new NdjsonFiles(targets.out) : undefined;
  const loader = targets.store ? new StoreLoader(targets.store) : undefined;
  if (loader) await loader.begin();
  let sim: Simulation;
  try {
    sim = await simulateTenant(
      options,
      (table, row) => {
        rows[table]++;
        files?.add(table, row);
        loader?.add(table, row);
      },
      () => loader?.drainIfFull(),
    );
    files?.close();
    if (loader) await loader.commit();
  } catch (e) {
    files?.close();
    if (loader) await loader.rollback();
    throw e;
  }
  const labels: LabelsFile = {
    generator: GENERATOR,
    seed: options.seed,
    users: sim.tenant.users.length,
    days: options.days,
    start: isoTime(sim.start),
    now: isoTime(sim.end),
    tenantId: sim.tenant.tenantId,
    domain: sim.tenant.domain,
    rows,
    labels: sim.labels,
  };
  if (targets.out) writeFileSync(path.join(targets.out, 'labels.json'), formatLabels(labels));
  return { rows, labels, ms: Math.round(performance.now() - started) };
}

/** One NDJSON file per table, written synchronously in 1 MiB pieces. */
class NdjsonFiles {
  private readonly fds = new Map<SimTable, number>();
  private readonly pending = new Map<SimTable, string[]>();
  private readonly sizes = new Map<SimTable, number>();

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const t of TABLES) {
      this.fds.set(t, openSync(path.join(dir, `${t}.ndjson`), 'w'));
      this.pending.set(t, []);
      this.sizes.set(t, 0);
    }
  }

  add(table: SimTable, row: Row): void {
    const line = JSON.stringify(row);
    this.pending.get(table)!.push(line);
    const size = this.sizes.get(table)! + line.length;
    this.sizes.set(table, size);
    if (size >= 1 << 20) this.flush(table);
  }

  close(): void {
    for (const t of TABLES) {
      this.flush(t);
      const fd = this.fds.get(t);
      if (fd !== undefined) closeSync(fd);
    }
    this.fds.clear();
  }

  private flush(table: SimTable): void {
    const lines = this.pending.get(table)!;
    const fd = this.fds.get(table);
    if (lines.length > 0 && fd !== undefined) writeSync(fd, lines.join('\n') + '\n');
    this.pending.set(table, []);
    this.sizes.set(table, 0);
  }
}

const CHUNK_ROWS = 2048;
/**
 * DuckDB's buffer pool while loading, restored afterwards. Its default is 80% of RAM, and one transaction loading
 * a 5,000-user week filled it (14 GB resident); a small pool spills to the database file and is no slower here.
 */
const SIM_MEMORY_LIMIT = '256MB';
/** Rows staged (all tables together) before they are moved into their tables: bounds the memory staging holds. */
const STAGE_ROWS = 128 * 1024;

/** Typical Entra ID log latency into Log Analytics, per table (minutes). */
export const LATENCY_MINUTES: Record<SimTable, number> = {
  SigninLogs: 3,
  AADNonInteractiveUserSignInLogs: 6,
  AuditLogs: 3,
  AADRiskyUsers: 5,
  ThreatIntelIndicators: 2,
  IdentityInfo: 10,
};

interface Stage {
  readonly table: SimTable;
  readonly stageName: string;
  readonly names: readonly string[];
  readonly index: Map<string, number>;
  readonly convert: readonly ColumnValue[];
  readonly defaults: readonly DuckDBValue[];
  readonly appender: DuckDBAppender;
  /** One chunk per stage, reused: a chunk per append left native memory for the GC, which does not see it. */
  readonly chunk: DuckDBDataChunk;
  values: DuckDBValue[][];
  count: number;
}

/**
 * Loads rows into the store. The staging table's columns are the ones the simulator fills for that table
 * (`columnsOf`); absent columns take the table's defaults inside DuckDB.
 */
class StoreLoader {
  private readonly stages = new Map<SimTable, Stage>();
  private staged = 0;
  private memoryLimit: string | undefined;

  constructor(private readonly store: Store) {}

  async begin(): Promise<void> {
    await this.store.ensureTables(TABLES);
    // An in-memory store cannot spill its own tables, so only a file gets the small pool.
    if (this.store.path !== ':memory:') {
      const limit = await this.store.connection.runAndReadAll(`SELECT current_setting('memory_limit')`);
      this.memoryLimit = String(limit.getRows()[0]![0]);
      await this.store.connection.run(`SET memory_limit = '${SIM_MEMORY_LIMIT}'`);
    }
    await this.store.connection.run('BEGIN TRANSACTION');
    for (const table of TABLES) {
      const schema = tableSchema(this.store.catalog, table);
      const names = columnsOf(table).filter((n) => schema.columns.some((c) => c.name === n));
      const columns = names.map((n) => schema.columns.find((c) => c.name === n)!);
      const stageName = `kqlwatch_sim_stage_${table}`;
      const list = names.map(ident).join(', ');
      await this.store.ensureColumns(table, names);
      await this.store.connection.run(`CREATE OR REPLACE TEMP TABLE ${ident(stageName)} AS SELECT ${list} FROM ${ident(table)} LIMIT 0`);
      const appender = await this.store.connection.createAppender(stageName, null, 'temp');
      this.stages.set(table, {
        table,
        stageName,
        names,
        index: new Map(names.map((n, i) => [n, i])),
        convert: columns.map((c) => columnValue[c.type]),
        defaults: columns.map((c) => (c.type !== 'string' ? null : c.name === 'Type' ? table : '')),
        appender,
        chunk: DuckDBDataChunk.create(names.map((_, j) => appender.columnType(j)), CHUNK_ROWS),
        values: names.map(() => []),
        count: 0,
      });
    }
  }

  add(table: SimTable, row: Row): void {
    const s = this.stages.get(table)!;
    const n = s.count;
    // Inlined for performance: once per simulated value.
    for (let i = 0; i < s.names.length; i++) s.values[i]![n] = s.defaults[i]!;
    for (const key in row) {
      const i = s.index.get(key);
      if (i === undefined) throw new Error(`simulator bug: column '${key}' is not in the column list of ${table}`);
      const v = s.convert[i]!(row[key]);
      if (v instanceof Rejected) throw new Error(`simulator bug: ${table}.${key} does not fit its type: ${JSON.stringify(row[key])}`);
      s.values[i]![n] = v;
    }
    s.count++;
    this.staged++;
    if (s.count === CHUNK_ROWS) this.append(s);
  }

  /** Moves the staged rows into their tables once enough have gathered; undefined (no wait) otherwise. */
  drainIfFull(): Promise<void> | undefined {
    return this.staged >= STAGE_ROWS ? this.drain() : undefined;
  }

  async commit(): Promise<void> {
    await this.drain();
    for (const s of this.stages.values()) {
      s.appender.closeSync();
      await this.store.connection.run(`DROP TABLE temp.main.${ident(s.stageName)}`);
    }
    this.stages.clear();
    await this.store.connection.run('COMMIT');
    await this.restoreMemoryLimit();
  }

  private async restoreMemoryLimit(): Promise<void> {
    if (this.memoryLimit !== undefined) await this.store.connection.run(`SET memory_limit = '${this.memoryLimit.replace(/'/g, "''")}'`);
    this.memoryLimit = undefined;
  }

  /** Appends what is buffered, moves every staging table's rows into its table, and empties the staging tables. */
  private async drain(): Promise<void> {
    for (const s of this.stages.values()) {
      if (s.count > 0) this.append(s);
      s.appender.flushSync();
      const list = s.names.map(ident).join(', ');
      // Ingestion time: the simulated collection latency after TimeGenerated (not the wall clock), so a replay at
      // simulated times sees each row as ingested shortly after it happened.
      await this.store.connection.run(
        `INSERT INTO ${ident(s.table)} (${list}, ${ident(INGESTION_TIME_COLUMN)}) ` +
          `SELECT ${list}, "TimeGenerated" + INTERVAL ${LATENCY_MINUTES[s.table]} MINUTE FROM temp.main.${ident(s.stageName)}`,
      );
      await this.store.connection.run(`DELETE FROM temp.main.${ident(s.stageName)}`);
    }
    this.staged = 0;
  }

  async rollback(): Promise<void> {
    for (const s of this.stages.values()) {
      try {
        s.appender.closeSync();
      } catch {
        // The failure being reported is the one that matters; the rollback discards the stage either way.
      }
    }
    this.stages.clear();
    await this.store.rollback();
    await this.restoreMemoryLimit();
  }

  private append(s: Stage): void {
    const chunk = s.chunk;
    chunk.reset();
    chunk.rowCount = s.count;
    s.values.forEach((v, j) => chunk.setColumnValues(j, s.count === CHUNK_ROWS ? v : v.slice(0, s.count)));
    s.appender.appendDataChunk(chunk);
    s.values = s.names.map(() => []);
    s.count = 0;
  }
}

/** The columns the simulator writes per table (rows.ts, background.ts): the staging tables' columns. */
function columnsOf(table: SimTable): string[] {
  return COLUMNS[table];
}

const SIGNIN_COMMON = [
  'TenantId', 'AADTenantId', 'SourceSystem', 'TimeGenerated', 'CreatedDateTime', 'OperationName', 'OperationVersion', 'Category',
  'ResultType', 'ResultSignature', 'ResultDescription', 'DurationMs', 'Identity', 'Level', 'Location', 'AlternateSignInName',
  'AppDisplayName', 'AppId', 'AuthenticationProtocol', 'AuthenticationRequirement', 'AutonomousSystemNumber', 'ClientAppUsed',
  'ConditionalAccessStatus', 'CorrelationId', 'CrossTenantAccessType', 'HomeTenantId', 'Id', 'IncomingTokenType', 'IPAddress',
  'IsInteractive', 'IsRisky', 'NetworkLocationDetails', 'OriginalRequestId', 'ResourceDisplayName', 'ResourceIdentity',
  'ResourceTenantId', 'RiskDetail', 'RiskEventTypes', 'RiskEventTypes_V2', 'RiskLevelAggregated', 'RiskLevelDuringSignIn',
  'RiskState', 'SessionId', 'TokenIssuerType', 'TokenIssuerName', 'UniqueTokenIdentifier', 'UserAgent', 'UserDisplayName', 'UserId',
  'UserPrincipalName', 'UserType', 'Type', 'AuthenticationDetails', 'AuthenticationRequirementPolicies', 'ConditionalAccessPolicies',
  'DeviceDetail', 'LocationDetails', 'MfaDetail', 'Status', 'SignInIdentifierType',
];

const COLUMNS: Record<SimTable, string[]> = {
  SigninLogs: [...SIGNIN_COMMON, 'ProcessingTimeInMilliseconds', 'ResourceId', 'ResourceProvider', 'Resource', 'ResourceGroup', 'RiskLevel', 'FlaggedForReview', 'SignInIdentifier'],
  AADNonInteractiveUserSignInLogs: [...SIGNIN_COMMON, 'ProcessingTimeInMs', 'SignInEventTypes'],
  AuditLogs: [
    'TenantId', 'AADTenantId', 'SourceSystem', 'TimeGenerated', 'ActivityDateTime', 'ResourceId', 'OperationName', 'OperationVersion',
    'Category', 'ResultType', 'ResultSignature', 'ResultDescription', 'ResultReason', 'DurationMs', 'CorrelationId', 'Resource',
    'ResourceGroup', 'ResourceProvider', 'Identity', 'Level', 'Location', 'AdditionalDetails', 'Id', 'InitiatedBy', 'LoggedByService',
    'Result', 'ActivityDisplayName', 'TargetResources', 'AADOperationType', 'Type',
  ],
  AADRiskyUsers: [
    'TenantId', 'TimeGenerated', 'Id', 'UserPrincipalName', 'UserDisplayName', 'RiskLevel', 'RiskState', 'RiskDetail',
    'RiskLastUpdatedDateTime', 'IsDeleted', 'IsProcessing', 'OperationName', 'CorrelationId', 'SourceSystem', 'Type',
  ],
  ThreatIntelIndicators: [
    'TenantId', 'AzureTenantId', 'TimeGenerated', 'Id', 'Pattern', 'ObservableKey', 'ObservableValue', 'IsActive', 'IsDeleted', 'Revoked',
    'Confidence', 'Created', 'Modified', 'ValidFrom', 'ValidUntil', 'Tags', 'SourceSystem', 'LastUpdateMethod', 'Data', 'AdditionalFields', 'Type',
  ],
  IdentityInfo: [
    'TenantId', 'TimeGenerated', 'AccountObjectId', 'AccountTenantId', 'AccountUPN', 'AccountName', 'AccountDomain', 'AccountDisplayName',
    'AccountCreationTime', 'GivenName', 'Surname', 'Department', 'JobTitle', 'City', 'State', 'Country', 'MailAddress', 'IsAccountEnabled',
    'IsServiceAccount', 'IsMFARegistered', 'AssignedRoles', 'GroupMembership', 'UserType', 'UserState', 'SourceSystem', 'Type',
  ],
};
