// `npm run bench`: builds, then runs the throughput/latency/memory benchmark.
import { spawnSync } from 'node:child_process';
const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (b.status !== 0) process.exit(b.status ?? 1);
const r = spawnSync(process.execPath, ['--expose-gc', 'build/test/bench/throughput.js'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
