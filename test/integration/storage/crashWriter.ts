// Child process of recovery.test.ts: records a synthetic 500 Hz session as fast as it can,
// flushing once per second of signal, and prints "session <id>" then "flushed <endSec>"
// after every commit, until it is killed. Usage: node crashWriter.js <dbFile>
import { openStorage } from '../../../main/storage/storage.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: crashWriter <dbFile>\n');
  process.exit(2);
}
const s = openStorage(file);
const clientId = s.clients.create({ name: 'Crash test' }).id;
const sessionId = s.sessions.create({ clientId, type: 'breathing', sensorSpec: 'synthetic', fsHz: 500 }).id;
process.stdout.write(`session ${sessionId}\n`);
const w = s.writer(sessionId);
let sec = 0;
function step(): void {
  for (let f = 0; f < 20; f++) {
    const first = sec * 500 + f * 25;
    w.pushSamples({ t0Sec: first / 500, fsHz: 500, values: Float32Array.from({ length: 25 }, (_, i) => first + i) });
  }
  w.pushBeat({ tSec: sec + 0.5, ibiMs: 1000 });
  w.pushMetric('hr', sec, 60);
  w.flush();
  sec++;
  process.stdout.write(`flushed ${sec}\n`);
  setTimeout(step, 2);
}
step();
