/**
 * `kqlwatch incidents`: the incident queue (each incident's latest SecurityIncident row, by number), and the
 * analyst's changes: assign, status, close (with classification, reason and comment). Changes take --now.
 */
import {
  assignIncident, CLASSIFICATIONS, closeIncident, openStore, setIncidentStatus, type Classification, type LifecycleResult,
  type Store,
} from '../../index.js';
import { parseOptions, UsageError, write, type Command } from '../command.js';
import { printRows, readTable } from './alerts.js';
import { DEFAULT_DB } from './ingest.js';
import { parseTime } from './run.js';

const help = `Usage: kqlwatch incidents [--db FILE] [--format table|json]
       kqlwatch incidents assign NUMBER OWNER [--db FILE] [--now ISO]
       kqlwatch incidents status NUMBER New|Active [--db FILE] [--now ISO]
       kqlwatch incidents close NUMBER --classification C [--reason R] [--comment TEXT] [--db FILE] [--now ISO]

List the incidents (their current state), or change one. Classifications: ${CLASSIFICATIONS.join(', ')};
reasons: SuspiciousActivity (TruePositive), SuspiciousButExpected (BenignPositive), IncorrectAlertLogic or
InaccurateData (FalsePositive). Every change is appended to SecurityIncident.

Options:
  --db FILE              the store's database file (default ${DEFAULT_DB})
  --format FORMAT        table (default) or json (one SecurityIncident row per line)
  --now ISO              the time of the change (default: the current time)
  --classification C     close: the classification
  --reason R             close: the classification reason
  --comment TEXT         close: the closing comment
  -h, --help             show this help
`;

const TABLE_COLUMNS = ['IncidentNumber', 'Severity', 'Status', 'Title', 'Owner', 'AlertIds', 'FirstActivityTime', 'LastActivityTime', 'Classification'];

function incidentNumber(text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text)) throw new UsageError(`give the incident number (see 'kqlwatch incidents --help')`);
  return Number(text);
}

export const incidentsCommand: Command = {
  name: 'incidents',
  summary: 'list incidents; assign, change status, close',
  help,
  async run(args) {
    const { values, positionals } = parseOptions('incidents', args, {
      db: { type: 'string' },
      format: { type: 'string' },
      now: { type: 'string' },
      classification: { type: 'string' },
      reason: { type: 'string' },
      comment: { type: 'string' },
    });
    if (values.help) {
      await write(help);
      return 0;
    }
    const path = values.db ?? DEFAULT_DB;
    const [verb, ...rest] = positionals;
    if (verb === undefined) {
      const format = values.format ?? 'table';
      if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not '${format}'`);
      const { columns, rows } = await readTable(path, 'SecurityIncident | sort by IncidentNumber asc, TimeGenerated desc');
      const n = columns.findIndex((c) => c.name === 'IncidentNumber');
      const latest = rows.filter((r, i) => i === 0 || rows[i - 1]![n] !== r[n]);
      await printRows(columns, latest, format, TABLE_COLUMNS);
      return 0;
    }
    const now = values.now === undefined ? new Date() : parseTime('now', values.now);
    const number = incidentNumber(rest[0]);
    let change: (store: Store) => Promise<LifecycleResult>;
    switch (verb) {
      case 'assign':
        if (rest.length !== 2) throw new UsageError(`usage: kqlwatch incidents assign NUMBER OWNER`);
        change = (s) => assignIncident(s, number, rest[1]!, { now, by: 'kqlwatch CLI' });
        break;
      case 'status': {
        const status = rest[1];
        if (status !== 'New' && status !== 'Active') throw new UsageError(`status must be New or Active (use 'close' to close)`);
        change = (s) => setIncidentStatus(s, number, status, { now, by: 'kqlwatch CLI' });
        break;
      }
      case 'close': {
        const c = values.classification as Classification | undefined;
        if (c === undefined || !CLASSIFICATIONS.includes(c)) throw new UsageError(`--classification must be one of ${CLASSIFICATIONS.join(', ')}`);
        change = (s) => closeIncident(s, number, { now, by: 'kqlwatch CLI', classification: c, reason: values.reason, comment: values.comment });
        break;
      }
      default:
        throw new UsageError(`unknown incidents action '${verb}' (see 'kqlwatch incidents --help')`);
    }
    const store = await openStore(path);
    try {
      const r = await change(store);
      if (!r.ok) throw new UsageError(r.message);
      await write(`incident ${r.incident.number}: ${r.incident.status}${r.incident.owner.assignedTo ? `, owner ${r.incident.owner.assignedTo}` : ''}${r.incident.classification ? `, ${r.incident.classification}` : ''}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
