/**
 * Speed of rule tests: runs every case under the given paths (default rules/) ROUNDS times in one process and
 * prints the per-case time of the warm rounds (all but the first): median, p95, max, and cases per second.
 * `node dist/testing-rules/bench-rule-tests.js [PATH...]`, ROUNDS from the environment (default 5).
 */
import { performance } from 'node:perf_hooks';
import { runTests } from './runner.js';

const paths = process.argv.slice(2);
const rounds = Math.max(2, Number(process.env.ROUNDS ?? 5));
const warm: number[] = [];
let cold = 0;
let failed = 0;
let casesPerRound = 0;
let wallWarm = 0;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  const s = await runTests(paths.length > 0 ? paths : ['rules']);
  const wall = performance.now() - t0;
  failed += s.failed;
  const times = s.files.flatMap((f) => f.cases.map((c) => c.durationMs));
  casesPerRound = times.length;
  if (r === 0) cold = wall;
  else {
    warm.push(...times);
    wallWarm += wall;
  }
}
warm.sort((a, b) => a - b);
const q = (p: number) => warm[Math.min(warm.length - 1, Math.floor(p * warm.length))]!;
console.log(`${casesPerRound} cases × ${rounds} rounds (${failed} failures)`);
console.log(`first round (cold process): ${cold.toFixed(0)} ms`);
console.log(`warm case: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms`);
console.log(`warm rounds: ${(wallWarm / (rounds - 1)).toFixed(0)} ms per round, ${((casesPerRound * (rounds - 1)) / (wallWarm / 1000)).toFixed(0)} cases/s`);
