/**
 * kqlwatch's library entry: the CLI, the server, tests and benchmarks all call these functions (one path for
 * everything, see DESIGN.md). The store holds Log Analytics tables in DuckDB, ingest loads exports into it,
 * the KQL engine compiles and runs queries over it, and format prints results in Kusto's conventions.
 * @module
 */

/**
 * Opens (or creates) a store: a DuckDB database file, or `':memory:'`, with tables created on first use.
 * @example
 * const store = await openStore('./kqlwatch.duckdb');
 * await store.ensureTables(['SigninLogs']);
 * store.close();
 */
export { openStore, storedColumns, tableSchema, StoreError, type Store, type OpenStoreOptions } from './store/store.js';

/**
 * Runs a function between BEGIN and COMMIT; rolls back when it throws.
 * @example
 * await transaction(store, () => store.connection.run(`DELETE FROM "SigninLogs"`));
 */
export { transaction } from './store/transaction.js';

/**
 * Runs KQL over the store (tables the query reads are created empty when missing).
 * @example
 * const out = await runKqlOnStore(store, 'SigninLogs | take 10', { now: new Date('2024-05-01T12:00:00Z') });
 * if (out.ok) console.log(out.result.rows.length);
 */
export { runKqlOnStore, type RunOnStoreOptions } from './store/run-kql-on-store.js';

/**
 * Row count of every table the store holds.
 * @example
 * for (const [table, rows] of await tableRowCounts(store)) console.log(table, rows);
 */
export { tableRowCounts } from './store/table-row-counts.js';

/**
 * The Log Analytics schemas kqlwatch ships, and the catalog built from them (both cached).
 * @example
 * const signin = loadSchemas().find((t) => t.name === 'SigninLogs');
 * const catalog = defaultCatalog();
 */
export { loadSchemas, defaultCatalog } from './store/schemas.js';

/**
 * Loads NDJSON files into a store table: all files or nothing; a bad line throws IngestError with file:line.
 * @example
 * const { rows, ms } = await ingestNdjson(store, 'SigninLogs', ['signins.ndjson']);
 */
export { ingestNdjson, type IngestSummary } from './ingest/ndjson.js';
export { IngestError } from './ingest/ingest-error.js';

/**
 * Loads input files of any supported format (Entra ID diagnostic settings, Microsoft Graph pages, Log Analytics
 * CSV/JSON exports, NDJSON, Parquet, STIX bundles, indicator CSV lists; gzip or not), exactly once per file,
 * in committed batches, setting aside records that cannot be mapped (or failing at the first with `strict`).
 * @example
 * const r = await ingestFiles(store, ['PT1H.json.gz'], { onProgress: (p) => console.error(p.units) });
 * console.log(r.rows, r.rejected);
 */
export { ingestFiles, type IngestOptions, type IngestReport, type IngestProgress, type FileOutcome } from './ingest/ingest-files.js';
export { FORMATS, type InputFormat } from './ingest/formats.js';

/**
 * The records ingest set aside, with file, line and reason.
 * @example
 * for (const r of await listRejections(store)) console.log(`${r.file}:${r.line}: ${r.reason}`);
 */
export { listRejections, type StoredRejection } from './ingest/quarantine.js';

/**
 * Watchlists: a CSV file → the Watchlist table as Sentinel logs it (SearchKey from the key column).
 * @example
 * await addWatchlist(store, { alias: 'vip', key: 'UPN', file: 'vip.csv' });
 */
export { addWatchlist, listWatchlists, type AddWatchlistOptions, type WatchlistChange, type WatchlistSummary } from './ingest/watchlist.js';

/**
 * The KQL engine: compile KQL to DuckDB SQL, or compile and run it on a connection.
 * @example
 * const out = compileKql('SigninLogs | where ResultType != "0"', { catalog: defaultCatalog(), now: new Date() });
 * if (out.ok) console.log(out.query.sql);
 */
export { compileKql, compileKqlWithData, runKql, executeCompiled, streamCompiled, type RunOptions, type CompiledWithTables } from './kql/engine.js';
export { makeDiagnostic } from './kql/syntax/diagnostics.js';
export type { Cell, CompileOptions, CompileOutcome, CompiledQuery, QueryResult, RunOutcome } from './kql/engine-types.js';

/**
 * Diagnostics: `line:col CODE severity: message`, alone or with the source line and a caret.
 * @example
 * for (const d of out.diagnostics) console.error(formatDiagnosticSource(text, d));
 */
export { formatDiagnostic, KqlError, type KqlDiagnostic, type Severity } from './kql/syntax/diagnostics.js';
export { formatDiagnosticSource } from './kql/format/format-diagnostic-source.js';

/**
 * Table schemas and Kusto types.
 * @example
 * const catalog = makeCatalog([{ name: 'T', columns: [{ name: 'x', type: 'long' }] }]);
 */
export { makeCatalog, type Catalog, type TableSchema } from './kql/syntax/catalog.js';
export { toKustoType, duckdbType, type Column, type KustoType, type Schema } from './kql/plan/types.js';

/**
 * Result formatting in Kusto's conventions, one row at a time.
 * @example
 * for (const row of result.rows) console.log(formatJsonRow(result.columns, row));
 * formatDatetime(0n);       // '1970-01-01T00:00:00.0000000Z'
 * formatTimespan(-12n * 36_000_000_000n); // '-12:00:00'
 */
export { formatCell } from './kql/format/format-cell.js';
export { formatJsonRow } from './kql/format/format-json-row.js';
export { formatCsvHeader, formatCsvRow } from './kql/format/format-csv-row.js';
export { formatTable, formatTableHeader, formatTableRow, formatRowCount, tableLayout, type TableLayout } from './kql/format/format-table.js';
export { formatDatetime } from './kql/format/format-datetime.js';
export { formatTimespan } from './kql/format/format-timespan.js';

/**
 * Kusto datetime and timespan text → nanoseconds / ticks (undefined when the text does not parse).
 * @example
 * parseDatetime('2024-05-01T12:00:00Z'); // 1714564800000000000n
 * parseTimespan('1.02:00:00');           // 936000000000n
 */
export { parseDatetime } from './kql/format/parse-datetime.js';
export { parseTimespan } from './kql/format/parse-timespan.js';

/**
 * Sentinel analytics rules: load YAML (the Azure-Sentinel repository schema) or ARM JSON, validate them (schema,
 * documented limits, KQL diagnostics against every Log Analytics table, result columns, lint), and import a rule
 * page copied from the web. Every problem is a RuleIssue with file:line and the field; nothing throws on user input.
 * @example
 * const reports = validateRules(['rules/']);
 * for (const r of reports) for (const i of r.issues) console.log(formatRuleIssue(i));
 * const { rules } = loadRules(['rules/']);            // LoadedRule[]: { rule, document, issues }
 * const page = importRulePage(text, 'page.txt');      // { fields?, yaml?, issues }
 */
export type {
  Rule, RuleIssue, SourceLocation, Severity as RuleSeverity, TriggerOperator, RuleKind, EventGrouping, MatchingMethod,
  EntityMapping, FieldMapping, AlertDetailsOverride, GroupingConfiguration, IncidentConfiguration,
} from './rules/model.js';
export { RULE_DEFAULTS } from './rules/model.js';
export { loadRuleYaml, type LoadedRule, type LoadResult } from './rules/load-yaml.js';
export { loadRuleArm } from './rules/load-arm.js';
export { loadRules, loadRuleFile, ruleFiles } from './rules/load-rules.js';
export { validateRule, validateRules, RULE_CHECKS, type RuleReport, type ValidateOptions } from './rules/validate-rule.js';
export type { RuleCheck, CheckContext } from './rules/validate/check.js';
export type { RuleDocument } from './rules/rule-document.js';
export { importRulePage, type PageImport } from './rules/import-page.js';
export { writeRuleYaml } from './rules/write-rule-yaml.js';
export { parseDuration, formatDuration } from './rules/duration.js';
export { formatRuleIssue, hasErrors, RULE_CODES, type RuleCode } from './rules/issues.js';

/**
 * The tenant simulator: a seeded tenant's logs with labelled attacks and benign look-alikes, as NDJSON files
 * and/or loaded into a store; the labels say which seed rule should fire for whom and when.
 * @example
 * const s = await writeSimulation({ users: 300, days: 1, seed: 'demo', now: new Date('2026-05-01T12:00:00Z') }, { store });
 * console.log(s.rows.AADNonInteractiveUserSignInLogs, s.labels.labels.length);
 */
export { writeSimulation, type WriteSummary, type WriteTargets } from './sim/write.js';
export { simulateTenant, type SimulateOptions, type Simulation } from './sim/simulate-tenant.js';
export { formatLabels, SEED_RULES, type Label, type LabelsFile, type RuleExpectation, type SeedKey } from './sim/labels.js';

/**
 * The scheduler: runs rules at their slots (queryFrequency, Sentinel's five-minute delay, NRT every minute) over
 * their window, with persisted run state (no window skipped or run twice across restarts); replay walks a simulated
 * clock through the same path. Alerts go to SecurityAlert (evidence in kqlwatch_alert_evidence), incidents to
 * SecurityIncident, run records to kqlwatch_rule_runs and SentinelHealth.
 * @example
 * const outcomes = await runDueRules(store, rules, new Date('2026-05-01T12:00:00Z'));
 * await replay(store, rules, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-02T00:00:00Z'));
 * for (const r of await listRuns(store)) console.log(r.ruleId, r.scheduledTime, r.status, r.alertsCreated);
 */
export { runRule, ensureSchedulerTables, type RuleRunOutcome } from './scheduler/run-rule.js';
export { runDueRules, dueRuns, type RunDueOptions } from './scheduler/run-due.js';
export { replay, replayTicks } from './scheduler/replay.js';
export { listRuns, RULE_RUNS_TABLE, type RunRecord, type RunStatus } from './scheduler/run-state.js';
export { ruleWindow, scheduledTimes, latestScheduledTime, SCHEDULED_DELAY_MS, NRT_DELAY_MS, type RunWindow } from './scheduler/windows.js';
export { systemClock, fixedClock, type Clock } from './scheduler/clock.js';
export { EVIDENCE_TABLE, securityAlertRow } from './scheduler/write-alerts.js';

/**
 * Alerts from a rule's result rows (pure): event grouping and caps, alert details overrides, entities, custom details.
 * @example
 * const { alerts } = buildAlerts(rule, result, { scheduledTime, windowStart, windowEnd });
 */
export { buildAlerts, isTriggered, type AlertRun, type BuiltAlerts } from './alerts/build-alerts.js';
export type { Alert } from './alerts/alert.js';
export { extractEntities, entitiesJson, type AlertEntity } from './alerts/entities.js';
export { ALERTS_PER_RUN } from './alerts/event-grouping.js';

/**
 * Incidents: grouping of alerts per incidentConfiguration, and the analyst's lifecycle (assign, status, close).
 * @example
 * await closeIncident(store, 3, { now, classification: 'TruePositive', comment: 'tokens revoked' });
 * for (const i of await listIncidents(store)) console.log(i.number, i.title, i.status);
 */
export { groupAlerts, groupingKey, type GroupingOutcome } from './incidents/group-alerts.js';
export { assignIncident, setIncidentStatus, closeIncident, type CloseOptions, type LifecycleResult } from './incidents/lifecycle.js';
export { listIncidents, loadIncident, INCIDENTS_TABLE } from './incidents/incident-store.js';
export {
  CLASSIFICATIONS, CLASSIFICATION_REASONS, type Incident, type IncidentStatus, type Classification,
} from './incidents/incident.js';

/**
 * Rule tests and backtests (detection as code): `*.test.yaml` files run through the scheduler in an in-memory store.
 * @example
 * const summary = await runTests(['rules']);
 * console.log(`${summary.passed} passed, ${summary.failed} failed`);
 */
export { runTests, runTestFile, testFiles, TEST_FILE, type CaseResult, type FileResult, type TestRunSummary, type RunTestsOptions } from './testing-rules/runner.js';
export { loadTestFile, type ParsedTestFile } from './testing-rules/test-file.js';
export { runCase, runCaseIn } from './testing-rules/run-case.js';
export { compareOutcome } from './testing-rules/compare.js';
export { junitXml } from './testing-rules/junit.js';
export { TestFileError, type TestCase, type TestFile, type Expectation, type ActualOutcome } from './testing-rules/model.js';

/**
 * Detection quality on a simulated tenant: replay the rules over it and score the alerts against its labels
 * (tp, fp, fn, precision, recall per rule, with the alerts behind each miss and misfire).
 * @example
 * const data = await openEvalStore('tenant.duckdb');
 * const { scores } = await evaluateRules(data.store, rules, data.labels);
 * process.stdout.write(formatScoreTable(scores));
 * data.close();
 */
export { evaluateRules, evaluationRange, openEvalStore, readLabels, type Evaluation, type EvalStore } from './eval/evaluate-rules.js';
export { scoreRules, hits, type RuleScore, type ScoredAlert, type Mention, type Finding, type LabelOutcome, type RuleRef } from './eval/score-rules.js';
export { readScoredAlerts, accountUpns, evidenceRow } from './eval/read-alerts.js';
export { formatScoreTable, formatScoreDetails, formatScoreJson, scoreJson } from './eval/format-scores.js';
export { backtest, diffVersions, formatBacktest, backtestJson, type BacktestReport, type BacktestAlert, type BacktestDiff, type VersionReport } from './testing-rules/backtest.js';
