// A group run end to end with the real app core and three simulators at 20× speed (the session
// clock is the first runner's channel clock, so the timer runs at the simulators' speed), each
// with its own base heart rate and a heart rate that follows the run blocks: one timer and one set
// of cues for all (a cue marker in every runner's recording), each runner's own zones, Borg and
// talk test (a marker in their own recording only), and at the end three stored 'run' sessions of
// one group, each with the shared blocks, its own mean HR, its own Borg and its own HRR.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createAppCore } from '../../../main/app/appCore.js';
import { recoverOnStartup } from '../../../main/sessions/startup.js';
import { openStorage } from '../../../main/storage/storage.js';
import { RUN_CHANNELS } from '../../../main/running/importRun.js';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import type { RunSummary } from '../../../shared/running/runAnalysis.js';
import type { ProgrammeBlock } from '../../../shared/running/programme.js';
import { repoRoot } from '../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../reports/reportFixtures.js';

after(() => removeTempDirs());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const BLOCKS: ProgrammeBlock[] = [
  { kind: 'warmup', sec: 30 },
  { kind: 'run', sec: 90 },
  { kind: 'walk', sec: 60 },
  { kind: 'run', sec: 90 },
  { kind: 'cooldown', sec: 140 },
];

/** A simulator whose HR (base `hr`) rises by 55 bpm in the run blocks. */
function simFor(hr: number, seed: number, blocks: ProgrammeBlock[] = BLOCKS, speed = 20): string {
  const runs: string[] = [];
  let t = 0;
  for (const b of blocks) {
    if (b.kind === 'run') runs.push(`${t}-${t + b.sec}*55`);
    t += b.sec;
  }
  return `sim:fs=100,hr=${hr},seed=${seed},drift=0,speed=${speed},exercise=${runs.join(';')}`;
}

describe('group run (three simulators, real app core)', { timeout: 240_000 }, () => {
  test('one timer and cue set, a stored run session per runner with their own HR, zones, Borg and HRR', async () => {
    const core = await createAppCore({ dbPath: join(makeTempDir('cadans-grouprun-'), 'db.sqlite'), host: 'cli', sensorSpec: null, bleScanMs: 0 });
    try {
      const people = [
        { name: 'Loper A', hr: 60, rest: 55, max: 180, target: [105, 130] },
        { name: 'Loper B', hr: 74, rest: 60, max: 185, target: [110, 135] },
        { name: 'Loper C', hr: 88, rest: 65, max: 190, target: [115, 140] },
      ];
      const clients = people.map((p) => core.storage.clients.create({ name: p.name, dateOfBirth: '1980-05-01' }));
      const outsider = core.storage.clients.create({ name: 'Niet Mee' });
      const views: RunSessionView[] = [];
      core.service.addSink((name, p) => {
        if (name === 'onRunSession') views.push(p as RunSessionView);
      });
      const channels: string[] = [];
      for (const [i, p] of people.entries()) channels.push((await core.service.addSensor(simFor(p.hr, i + 1))).channel);

      // Refused before anything starts: one runner, or one sensor for two runners.
      await assert.rejects(async () => core.service.startGroupRunSession({ runners: [{ clientId: clients[0]!.id, channel: channels[0]! }], blocks: BLOCKS }), /at least 2 clients/);
      await assert.rejects(
        async () => core.service.startGroupRunSession({ runners: [{ clientId: clients[0]!.id, channel: channels[0]! }, { clientId: clients[1]!.id, channel: channels[0]! }], blocks: BLOCKS }),
        /sensor/,
      );
      assert.equal(core.storage.sessions.listByClient(clients[0]!.id).length, 0, 'nothing stored by a refused start');

      const start = core.service.startGroupRunSession({
        runners: people.map((p, i) => ({ clientId: clients[i]!.id, channel: channels[i]!, hrRestBpm: p.rest, hrMaxBpm: p.max })),
        blocks: BLOCKS,
      }) as RunSessionView;
      assert.equal(start.phase, 'running');
      assert.notEqual(start.groupId, null);
      assert.deepEqual(start.cues.map((c) => c.kind), ['warmup']);
      assert.deepEqual(start.runners.map((r) => r.clientId), clients.map((c) => c.id));
      assert.equal(new Set(start.runners.map((r) => r.sessionId)).size, 3, 'a session per runner');
      // Each runner's own Karvonen target zone (40–60 % of their reserve above their resting HR).
      for (const [i, r] of start.runners.entries()) assert.deepEqual([r.zones?.targetZone.fromBpm, r.zones?.targetZone.toBpm], people[i]!.target);
      assert.throws(() => core.service.startRunSession({ clientId: outsider.id, blocks: BLOCKS }), /already running/);

      const last = (): RunSessionView => views.at(-1)!;
      const until = async (what: string, fn: () => boolean): Promise<void> => {
        for (let i = 0; i < 1200 && !fn(); i++) await sleep(100);
        assert.ok(fn(), `timed out waiting for ${what}`);
      };
      await until('the first Borg prompt', () => last().runners.every((r) => r.borgDue === 1));
      const [a, b, c] = clients.map((x) => x.id) as [number, number, number];
      let v = core.service.recordBorg({ clientId: a, blockIndex: 1, borg: 12, talkTest: true }) as RunSessionView;
      assert.deepEqual(v.runners.map((r) => r.borgDue), [null, 1, 1], 'rated for the first runner only');
      core.service.recordBorg({ clientId: b, blockIndex: 1, borg: 14, talkTest: false });
      v = core.service.recordBorg({ clientId: c, blockIndex: 1, borg: null, talkTest: null }) as RunSessionView; // skipped
      assert.deepEqual(v.runners.map((r) => r.borgDue), [null, null, null]);
      await assert.rejects(async () => core.service.recordBorg({ clientId: outsider.id, blockIndex: 1, borg: 12, talkTest: null }), /not in the running session/);

      await until('the second Borg prompt', () => last().runners.every((r) => r.borgDue === 3));
      core.service.recordBorg({ clientId: a, blockIndex: 3, borg: 13, talkTest: true });
      core.service.recordBorg({ clientId: c, blockIndex: 3, borg: 15, talkTest: false });
      await until('the end of the timer', () => last().phase === 'finished');
      assert.deepEqual(last().runners.map((r) => r.borgDue), [null, 3, null], 'the second runner left the second prompt open');
      const stopped = await core.service.stopRunSession();
      assert.equal(stopped.phase, 'stopped');
      const expectedCues = ['warmup@0', 'run@1', 'borg@1', 'walk@2', 'run@3', 'borg@3', 'cooldown@4', 'end@4'];
      assert.deepEqual(stopped.cues.map((x) => `${x.kind}@${x.blockIndex}`), expectedCues, 'one set of cues for the group');

      const expectedBorg = [
        [[12, true], [13, true]],
        [[14, false], [null, null]],
        [[null, null], [15, false]],
      ];
      const means: number[] = [];
      for (const [i, r] of stopped.runners.entries()) {
        const row = core.storage.sessions.require(r.sessionId);
        assert.equal(row.type, 'run');
        assert.equal(row.clientId, clients[i]!.id);
        assert.equal(row.groupId, stopped.groupId, 'one group');
        assert.equal(row.status, 'complete');
        const s = row.summary as unknown as RunSummary;
        assert.equal(s.kind, 'run');
        assert.equal(s.format, 'live');
        assert.deepEqual(s.blocks.map((x) => x.planned?.kind), ['warmup', 'run', 'walk', 'run', 'cooldown'], `runner ${i}: the shared blocks`);
        for (const [k, x] of s.blocks.entries()) assert.ok(Math.abs(x.endSec - x.startSec - BLOCKS[k]!.sec) < 4, `runner ${i} block ${k}: ${x.startSec}–${x.endSec}`);
        assert.deepEqual([[s.blocks[1]!.borg, s.blocks[1]!.talkTest], [s.blocks[3]!.borg, s.blocks[3]!.talkTest]], expectedBorg[i], `runner ${i}: their own Borg and talk test`);
        assert.deepEqual([s.zones?.targetZone.fromBpm, s.zones?.targetZone.toBpm], people[i]!.target, `runner ${i}: their own zones`);
        const hrOf = (k: number): number => s.blocks[k]!.meanHrBpm!;
        assert.ok(hrOf(1) > hrOf(0) + 15 && hrOf(3) > hrOf(2) + 10, `runner ${i}: HR follows the blocks: ${s.blocks.map((x) => x.meanHrBpm).join(', ')}`);
        assert.ok(s.hrr.hrr60Bpm !== null && s.hrr.hrr60Bpm > 10, `runner ${i}: HRR60 ${s.hrr.hrr60Bpm}`);
        assert.ok(s.hrr.hrr120Bpm !== null, `runner ${i}: HRR120`);
        // The mean HR is the runner's own: that of the heart rate stored in their own session.
        const [hr] = core.storage.signal.read(r.sessionId, { channel: RUN_CHANNELS.hr });
        const own = [...hr!.values].filter((x) => Number.isFinite(x));
        const ownMean = own.reduce((sum, x) => sum + x, 0) / own.length;
        assert.ok(Math.abs(s.meanHrBpm! - ownMean) < 1, `runner ${i}: mean HR ${s.meanHrBpm} vs own stored ${ownMean}`);
        means.push(s.meanHrBpm!);
        // The cues in every recording; each runner's Borg entries in theirs alone.
        const markers = core.storage.markers.list(r.sessionId);
        const cues = markers.filter((m) => m.kind === 'run-cue').map((m) => JSON.parse(m.note) as { kind: string; blockIndex: number });
        assert.deepEqual(cues.map((x) => `${x.kind}@${x.blockIndex}`), expectedCues, `runner ${i}: the shared cues`);
        assert.equal(markers.filter((m) => m.kind === 'run-borg').length, i === 1 ? 1 : 2, `runner ${i}: their own Borg entries only`);
      }
      // 60, 74 and 88 bpm at rest, the same blocks: each runner's mean HR about 14 bpm from the next.
      assert.ok(means[1]! - means[0]! > 8 && means[2]! - means[1]! > 8, `own mean HRs: ${means.join(', ')}`);

      const report = await core.service.getReportHtml({ kind: 'session', sessionId: stopped.runners[1]!.sessionId, locale: 'nl' });
      assert.equal((report.html.match(/data-key="kind"/g) ?? []).length, 5, 'five blocks in the report of the second runner');
      assert.match(report.html, /data-key="borg" data-value="14"/, "the second runner's Borg rating in their report");
      assert.doesNotMatch(report.html, /data-key="borg" data-value="12"/, "not the first runner's");
      // The group summary (as for a breathing group) has a row per runner.
      const group = await core.service.getReportHtml({ kind: 'group', groupId: stopped.groupId!, locale: 'en' });
      assert.equal((group.html.match(/data-key="durationSec"/g) ?? []).length, 3, 'three participants in the group summary');
    } finally {
      await core.close();
    }
  });

  test('killed mid-way: the next start recovers every runner\'s session as interrupted with the blocks reached, their own HR and Borg', async () => {
    const blocks: ProgrammeBlock[] = [
      { kind: 'warmup', sec: 20 },
      { kind: 'run', sec: 40 },
      { kind: 'walk', sec: 600 },
      { kind: 'run', sec: 60 },
    ];
    const db = join(makeTempDir('cadans-grouprun-kill-'), 'db.sqlite');
    const args = [join(repoRoot, 'build/test/integration/sessions/groupRunChild.js'), db, simFor(60, 1, blocks, 10), simFor(85, 2, blocks, 10), JSON.stringify(blocks)];
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('close', (_c, sig) => r(sig)));
    for (let i = 0; i < 1200 && !/cue walk 2/.test(out); i++) await sleep(100);
    assert.match(out, /cue walk 2/, `the child reached the walk block; stderr: ${err}`);
    await sleep(2500); // ≥ 1 s for the recordings' commits, some walking HR after the run
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    const m = /sessions (\d+) (\d+) group (\d+)/.exec(out)!;
    const ids = [Number(m[1]), Number(m[2])];
    const storage = openStorage(db);
    try {
      assert.deepEqual(recoverOnStartup(storage).sort((x, y) => x - y), [...ids].sort((x, y) => x - y), 'both runners\' sessions recovered');
      assert.notEqual(storage.groups.require(Number(m[3])).endedAt, null, 'the group ended with its last member');
      const means: number[] = [];
      for (const [i, id] of ids.entries()) {
        const row = storage.sessions.require(id);
        assert.equal(row.status, 'interrupted');
        assert.equal(row.type, 'run');
        const s = row.summary as unknown as RunSummary;
        assert.equal(s.format, 'live');
        assert.deepEqual(s.blocks.map((b) => b.planned?.kind), ['warmup', 'run', 'walk'], `runner ${i}: the blocks reached`);
        assert.ok(s.blocks[1]!.meanHrBpm! > s.blocks[0]!.meanHrBpm! + 15, `runner ${i} HR: ${s.blocks.map((b) => b.meanHrBpm).join(', ')}`);
        assert.deepEqual([s.blocks[1]!.borg, s.blocks[1]!.talkTest], i === 0 ? [12, true] : [null, null], `runner ${i}: their own Borg`);
        assert.equal(s.zones?.hrRestBpm, i === 0 ? 55 : 65, `runner ${i}: their own zones`);
        means.push(s.meanHrBpm!);
      }
      assert.ok(means[1]! > means[0]! + 12, `own mean HRs: ${means.join(', ')}`);
    } finally {
      storage.close();
    }
  });
});
