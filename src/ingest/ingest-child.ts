/**
 * A child process for the interruption test (reliability.test.ts): `node ingest-child.js DB FILE BATCH_UNITS`
 * ingests FILE with small batches and prints `batch N` after each committed batch, so the parent can kill it
 * (SIGKILL) part-way through at a known point.
 */
import { openStore } from '../store/store.js';
import { ingestFiles } from './ingest-files.js';

const [db, file, batch] = process.argv.slice(2);
const store = await openStore(db!);
const report = await ingestFiles(store, [file!], {
  batchUnits: Number(batch),
  onBatch: (b) => process.stdout.write(`batch ${b.units}\n`),
});
store.close();
process.stdout.write(`done ${report.totalRows}\n`);
