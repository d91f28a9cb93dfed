/**
 * runMeasured(script, args): runs `node SCRIPT ARGS…` in a child process (through peak-rss.ts) and returns its wall
 * time, output and peak resident memory. A measurement in its own process has a peak of its own: the issue asks
 * for the peak RSS of each, and the bench process itself holds the tenant and arquero's tables.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildMeasurement {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssMb: number;
}

const PEAK_RSS = fileURLToPath(new URL('./peak-rss.js', import.meta.url));

export function runMeasured(script: string, args: readonly string[], cwd: string): Promise<ChildMeasurement> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [PEAK_RSS, script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      const m = /\{"maxRssKb":(\d+)\}\s*$/.exec(stderr);
      const err = m ? stderr.slice(0, m.index).trim() : stderr.trim();
      if (code !== 0 || !m) reject(new Error(`node ${script} ${args.join(' ')} exited with ${code}: ${err.split('\n').slice(-3).join(' | ')}`));
      else resolve({ ms, stdout, stderr: err, peakRssMb: Number(m[1]) / 1024 });
    });
  });
}
