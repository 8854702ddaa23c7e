// Child process of groupRun.test.ts: the app core records a group run of two runners from two
// simulators, rates the first runner's first run block (Borg 12) when its prompt comes, and says on
// stdout when it started (`sessions A B group G`) and each cue (`cue KIND BLOCK`); the test kills it
// with SIGKILL mid-way. Arguments: DB_PATH SPEC_A SPEC_B BLOCKS_JSON.
import { createAppCore } from '../../../main/app/appCore.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';

const [dbPath, specA, specB, blocksJson] = process.argv.slice(2);
const core = await createAppCore({ dbPath: dbPath!, host: 'cli', sensorSpec: null, bleScanMs: 0 });
const a = core.storage.clients.create({ name: 'Loper Kill A', dateOfBirth: '1980-05-01' });
const b = core.storage.clients.create({ name: 'Loper Kill B', dateOfBirth: '1985-05-01' });
let seen = 0;
core.service.addSink((name, payload) => {
  if (name !== 'onRunSession') return;
  const v = payload as RunSessionView;
  const fresh = v.cues.slice(seen);
  seen = v.cues.length;
  for (const c of fresh) {
    // Rated as the therapist would: after the prompt, not from inside the event.
    if (c.kind === 'borg' && c.blockIndex === 1) setImmediate(() => core.service.recordBorg({ clientId: a.id, blockIndex: 1, borg: 12, talkTest: true }));
    process.stdout.write(`cue ${c.kind} ${c.blockIndex}\n`);
  }
});
const chA = (await core.service.addSensor(specA!)).channel;
const chB = (await core.service.addSensor(specB!)).channel;
const v = core.service.startGroupRunSession({
  runners: [
    { clientId: a.id, channel: chA, hrRestBpm: 55, hrMaxBpm: 180 },
    { clientId: b.id, channel: chB, hrRestBpm: 65, hrMaxBpm: 190 },
  ],
  blocks: JSON.parse(blocksJson!),
}) as RunSessionView;
process.stdout.write(`sessions ${v.runners.map((r) => r.sessionId).join(' ')} group ${v.groupId}\n`);
setInterval(() => undefined, 1000);
