// A live run session end to end with the real app core and the simulator, whose heart rate follows
// the run blocks (`exercise` intervals): the timer's cues are stored and sent, a Borg rating and
// talk test are kept with their run block, HRR60/HRR120 are measured after the last run block, and
// the session report shows the blocks. Killed with SIGKILL mid-way, the stored part survives: the
// next start recovers the session as 'interrupted' with a run summary of the blocks reached.
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

/** The simulator spec whose HR rises by 55 bpm in the run blocks (sim time ≈ session time: connected just before). */
function simFor(blocks: ProgrammeBlock[], speed: number): string {
  const runs: string[] = [];
  let t = 0;
  for (const b of blocks) {
    if (b.kind === 'run') runs.push(`${t}-${t + b.sec}*55`);
    t += b.sec;
  }
  return `sim:fs=100,hr=68,drift=0,speed=${speed},exercise=${runs.join(';')}`;
}

describe('live run session (simulator, real app core)', { timeout: 240_000 }, () => {
  test('cues, Borg and talk test per run block, HRR after the last run block, the report shows the blocks', async () => {
    const blocks: ProgrammeBlock[] = [
      { kind: 'warmup', sec: 30 },
      { kind: 'run', sec: 90 },
      { kind: 'walk', sec: 60 },
      { kind: 'run', sec: 90 },
      { kind: 'cooldown', sec: 140 },
    ];
    const core = await createAppCore({ dbPath: join(makeTempDir('cadans-run-'), 'db.sqlite'), host: 'cli', sensorSpec: null, bleScanMs: 0 });
    try {
      const client = core.storage.clients.create({ name: 'Loper Een', dateOfBirth: '1980-05-01' });
      const views: RunSessionView[] = [];
      core.service.addSink((name, p) => {
        if (name === 'onRunSession') views.push(p as RunSessionView);
      });
      await core.service.connectSensor(simFor(blocks, 20));
      const start = core.service.startRunSession({ clientId: client.id, blocks, hrRestBpm: 60, hrMaxBpm: 185 }) as RunSessionView;
      assert.equal(start.phase, 'running');
      assert.deepEqual(start.cues.map((c) => c.kind), ['warmup']);
      assert.equal(start.zones?.hrMaxSource, 'entered');
      assert.equal(start.hrRestSource, 'entered');
      // Karvonen 40–60 % of (185 − 60) above 60: the Borg 11–13 target zone is 110–135 bpm.
      assert.deepEqual([start.zones?.targetZone.fromBpm, start.zones?.targetZone.toBpm], [110, 135]);
      const last = (): RunSessionView => views.at(-1)!;
      const until = async (what: string, fn: () => boolean): Promise<void> => {
        for (let i = 0; i < 1200 && !fn(); i++) await sleep(100);
        assert.ok(fn(), `timed out waiting for ${what}`);
      };
      await until('the first Borg prompt', () => last().borgDue === 1);
      const rated = core.service.recordBorg({ blockIndex: 1, borg: 13, talkTest: true }) as RunSessionView;
      assert.equal(rated.borgDue, null);
      await assert.rejects(async () => core.service.recordBorg({ blockIndex: 2, borg: 12, talkTest: null }), /no run block/);
      await until('the end of the timer', () => last().phase === 'finished');
      const stopped = await core.service.stopRunSession();
      assert.equal(stopped.phase, 'stopped');
      assert.deepEqual(
        stopped.cues.map((c) => `${c.kind}@${c.blockIndex}`),
        ['warmup@0', 'run@1', 'borg@1', 'walk@2', 'run@3', 'borg@3', 'cooldown@4', 'end@4'],
      );
      const row = core.storage.sessions.require(stopped.sessionId);
      assert.equal(row.type, 'run');
      assert.equal(row.status, 'complete');
      const s = row.summary as unknown as RunSummary;
      assert.equal(s.kind, 'run');
      assert.equal(s.format, 'live');
      assert.deepEqual(s.blocks.map((b) => b.planned?.kind), ['warmup', 'run', 'walk', 'run', 'cooldown']);
      assert.deepEqual(s.blocks.map((b) => b.kind), ['walk', 'run', 'walk', 'run', 'walk']);
      assert.deepEqual([s.blocks[1]!.borg, s.blocks[1]!.talkTest], [13, true]);
      assert.deepEqual([s.blocks[3]!.borg, s.blocks[3]!.talkTest], [null, null]);
      for (const [i, b] of s.blocks.entries()) assert.ok(Math.abs(b.endSec - b.startSec - blocks[i]!.sec) < 3, `block ${i} lasts as planned: ${b.startSec}–${b.endSec}`);
      const hr = (i: number): number => s.blocks[i]!.meanHrBpm!;
      assert.ok(hr(1) > hr(0) + 25 && hr(3) > hr(2) + 15, `HR follows the blocks: ${s.blocks.map((b) => b.meanHrBpm).join(', ')}`);
      assert.ok(s.hrr.hrr60Bpm !== null && s.hrr.hrr60Bpm > 15, `HRR60 ${s.hrr.hrr60Bpm}`);
      assert.ok(s.hrr.hrr120Bpm !== null && s.hrr.hrr120Bpm > s.hrr.hrr60Bpm!, `HRR120 ${s.hrr.hrr120Bpm}`);
      assert.match(s.hrr.method, /Cole/);
      assert.ok(s.timeInZonesSec && s.timeInZonesSec.moderate + s.timeInZonesSec.vigorous > 60);
      assert.ok(core.storage.signal.channels(row.id).includes(RUN_CHANNELS.hr));
      const report = await core.service.getReportHtml({ kind: 'session', sessionId: row.id, locale: 'nl' });
      assert.equal((report.html.match(/data-key="kind"/g) ?? []).length, 5, 'five blocks in the table');
      assert.match(report.html, /data-chart="run-hr"/);
      assert.match(report.html, /data-key="borg" data-value="13"/, 'the Borg rating in the blocks table');
      assert.match(report.html, /data-key="talk" data-value="true"[^>]*>kan praten</, 'the talk test, in Dutch');
      assert.match(report.html, /data-key="kind" data-value="warmup"[^>]*>warming-up</);
      // The progress report: the run, and the rated run block as perceived against measured exertion.
      const progress = await core.service.getReportHtml({ kind: 'progress', clientId: client.id, locale: 'en' });
      assert.match(progress.html, /exertion-table/);
      assert.ok(/<td[^>]*>13<\/td>/.test(progress.html.slice(progress.html.indexOf('exertion-table'))), 'Borg 13 in the exertion table');
    } finally {
      await core.close();
    }
  });

  test('defaults: blocks from the programme, resting HR from the last breathing session, HRmax by Tanaka; no programme and no blocks: refused', async () => {
    const core = await createAppCore({ dbPath: join(makeTempDir('cadans-run-defaults-'), 'db.sqlite'), host: 'cli', sensorSpec: null, bleScanMs: 0 });
    try {
      const today = new Date().toISOString().slice(0, 10);
      const client = core.storage.clients.create({ name: 'Loper Twee', dateOfBirth: '1976-01-15' });
      const other = core.storage.clients.create({ name: 'Loper Drie' });
      const breathing = core.storage.sessions.create({ clientId: client.id, type: 'breathing', startedAt: new Date(Date.now() - 86_400_000).toISOString(), sensorSpec: 'sim', fsHz: 250 });
      core.storage.sessions.setSummary(breathing.id, { method: 'analyzePpg', meanHrBpm: 62, error: null });
      core.storage.sessions.setStatus(breathing.id, 'complete');
      core.storage.runProgrammes.create({ clientId: client.id, startDate: today });
      await core.service.connectSensor('sim');
      await assert.rejects(async () => core.service.startRunSession({ clientId: other.id }), /type the blocks of the session in/);
      const v = core.service.startRunSession({ clientId: client.id }) as RunSessionView;
      assert.equal(v.programmeWeek, 1);
      assert.deepEqual(v.blocks.map((b) => `${b.kind} ${b.sec}`).slice(0, 4), ['warmup 300', 'run 60', 'walk 120', 'run 60'], 'week 1: 6 × [1 min run, 2 min walk]');
      assert.equal(v.hrRestSource, 'lastSession');
      assert.equal(v.zones?.hrRestBpm, 62);
      assert.equal(v.zones?.hrMaxSource, 'tanaka2001');
      const age = new Date().getUTCFullYear() - 1976 - (new Date().toISOString().slice(5, 10) < '01-15' ? 1 : 0);
      assert.ok(Math.abs(v.zones!.hrMaxBpm - (208 - 0.7 * age)) < 0.051, `Tanaka for age ${age}: ${v.zones!.hrMaxBpm}`);
      assert.throws(() => core.service.startRunSession({ clientId: client.id }), /already running/);
      const stopped = await core.service.stopRunSession();
      assert.equal(stopped.phase, 'stopped');
      assert.equal(stopped.summary?.format, 'live');
      assert.equal(stopped.summary?.blocks.length, 1, 'only the warm-up was reached');
      await assert.rejects(async () => core.service.recordBorg({ blockIndex: 1, borg: 12, talkTest: true }), /no run session/);
    } finally {
      await core.close();
    }
  });

  test('killed mid-way: the next start recovers it as interrupted with the blocks reached and its Borg prompt', async () => {
    const blocks: ProgrammeBlock[] = [
      { kind: 'warmup', sec: 20 },
      { kind: 'run', sec: 40 },
      { kind: 'walk', sec: 600 },
      { kind: 'run', sec: 60 },
    ];
    const db = join(makeTempDir('cadans-run-kill-'), 'db.sqlite');
    const child = spawn(process.execPath, [join(repoRoot, 'build/test/integration/sessions/liveRunChild.js'), db, simFor(blocks, 10), JSON.stringify(blocks)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('close', (_c, sig) => r(sig)));
    for (let i = 0; i < 1200 && !/cue walk 2/.test(out); i++) await sleep(100);
    assert.match(out, /cue walk 2/, `the child reached the walk block; stderr: ${err}`);
    await sleep(2500); // ≥ 1 s for the recording's commit, some walking HR after the run
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    const sessionId = Number(/session (\d+)/.exec(out)![1]);

    const storage = openStorage(db);
    try {
      assert.equal(storage.sessions.require(sessionId).status, 'recording', 'left recording by the kill');
      assert.deepEqual(recoverOnStartup(storage), [sessionId]);
      const row = storage.sessions.require(sessionId);
      assert.equal(row.status, 'interrupted');
      const s = row.summary as unknown as RunSummary;
      assert.equal(s.kind, 'run');
      assert.equal(s.format, 'live');
      assert.deepEqual(s.blocks.map((b) => b.planned?.kind), ['warmup', 'run', 'walk'], 'the blocks reached');
      assert.ok(Math.abs(s.blocks[1]!.endSec - s.blocks[1]!.startSec - 40) < 3);
      assert.ok(s.blocks[2]!.endSec > s.blocks[2]!.startSec + 5, 'the walk block runs to the last stored data');
      assert.ok(s.blocks[1]!.meanHrBpm! > s.blocks[0]!.meanHrBpm! + 15, `HR: ${s.blocks.map((b) => b.meanHrBpm).join(', ')}`);
      assert.equal(s.hrr.hrr120Bpm, null, 'not 120 s of recovery before the kill');
      const cues = storage.markers.list(sessionId).filter((m) => m.kind === 'run-cue').map((m) => JSON.parse(m.note) as { kind: string; blockIndex: number });
      assert.deepEqual(cues.map((c) => `${c.kind}@${c.blockIndex}`), ['warmup@0', 'run@1', 'borg@1', 'walk@2'], 'the stored cues, the Borg prompt of the run block among them');
      assert.ok(storage.signal.channels(sessionId).includes(RUN_CHANNELS.hr));
      // Recovered once: a second start leaves it alone.
      assert.deepEqual(recoverOnStartup(storage), []);
    } finally {
      storage.close();
    }
  });
});
