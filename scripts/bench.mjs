// `npm run bench`: builds, then runs the throughput/latency/memory benchmark and the
// provisional-beat latency benchmark at the analysis worker's output (test/bench/latency.ts).
import { spawnSync } from 'node:child_process';
const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const r = spawnSync(process.execPath, ['--expose-gc', 'build/test/bench/throughput.js'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const l = spawnSync(process.execPath, ['build/test/bench/latency.js'], { stdio: 'inherit' });
process.exit(l.status ?? 1);
