// Child process of liveRun.test.ts: the app core records a live run session from the simulator
// and says on stdout when it started (`session N`) and each cue (`cue KIND BLOCK`); the test kills
// it with SIGKILL mid-way. Arguments: DB_PATH SENSOR_SPEC BLOCKS_JSON.
import { createAppCore } from '../../../main/app/appCore.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';

const [dbPath, spec, blocksJson] = process.argv.slice(2);
const core = await createAppCore({ dbPath: dbPath!, host: 'cli', sensorSpec: null, bleScanMs: 0 });
const client = core.storage.clients.create({ name: 'Loper Kill', dateOfBirth: '1980-05-01' });
let seen = 0;
core.service.addSink((name, payload) => {
  if (name !== 'onRunSession') return;
  const v = payload as RunSessionView;
  for (const c of v.cues.slice(seen)) process.stdout.write(`cue ${c.kind} ${c.blockIndex}\n`);
  seen = v.cues.length;
});
await core.service.connectSensor(spec!);
const v = core.service.startRunSession({ clientId: client.id, blocks: JSON.parse(blocksJson!), hrRestBpm: 60, hrMaxBpm: 185 }) as RunSessionView;
process.stdout.write(`session ${v.sessionId}\n`);
setInterval(() => undefined, 1000);
