/**
 * `cadans record` with six `--sensor/--client` pairs: a GROUP session (issue 14). Four simulators
 * with different `hr=` (one with a clip-off) and two emulated PulseSensor ear clips on real PTYs
 * (socat), one of them unplugged and plugged back in mid-session, recorded together with one
 * pacer for 30 s of signal. Every client's stored session is in their own record with their own
 * mean heart rate (within 1 bpm of what their sensor produced), their own gaps and nothing from
 * the others; `--json` has exactly the documented shape, in the order of the pairs.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedSummary } from '../../../main/sessions/sessionSummary.js';
import { openStorage } from '../../../main/storage/storage.js';
import { parseSimSpec } from '../../../shared/sim/parseSimSpec.js';
import { simulateBeatTimes } from '../../../shared/sim/simulate.js';
import { startCli } from '../../support/cliProcess.js';
import { PulseEarClip } from '../../support/pulseEarClip.js';
import { runCli } from '../../support/runCli.js';
import { IBI_MS } from '../sensors/emulators.js';
import { hasSocat, sleep } from '../sensors/ptyPair.js';

const SKIP = hasSocat() ? false : 'socat is not installed (Debian: apt-get install socat) — PTY serial tests skipped';
const dir = mkdtempSync(join(tmpdir(), 'cadans-record-group-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SECONDS = 30;
const PACER = { rateBpm: 6, inhaleFraction: 0.4 };
const SIMS = ['sim:speed=2,hr=58,seed=11', 'sim:speed=2,hr=65,seed=12', 'sim:speed=2,hr=80,seed=13,clipoff=12-16', 'sim:speed=2,hr=88,seed=14'];

/** Mean HR (mean of 60000/NN) of a simulator's true beats over the recorded span (intervals across the clip-off left out). */
function simTruthHr(spec: string): number {
  const opts = parseSimSpec(spec);
  if ('error' in opts) throw new Error(opts.error);
  const b = simulateBeatTimes(opts, SECONDS + 2, PACER);
  const ibis: number[] = [];
  for (let i = 1; i < b.tSec.length; i++) if (b.tSec[i - 1]! >= 0.5 && b.tSec[i]! <= SECONDS + 0.5) ibis.push(b.ibiMs[i - 1]!);
  const sorted = [...ibis].sort((x, y) => x - y);
  const median = sorted[sorted.length >> 1]!;
  const nn = ibis.filter((x) => x < 1.6 * median);
  // As the analysis defines it: the mean of the instantaneous heart rates 60000/NN.
  return nn.reduce((a, c) => a + 60000 / c, 0) / nn.length;
}

describe('cadans record: a group session of six clients', { skip: SKIP }, () => {
  test('four simulators and two ear clips (one unplugged and replugged): each client their own session, HR, gaps', { timeout: 90_000 }, async (t) => {
    const clips = [new PulseEarClip(IBI_MS), new PulseEarClip(IBI_MS.map((x) => Math.round(x * 0.75)))];
    const db = join(dir, 'group.sqlite');
    const names = ['Anna', 'Bas', 'Cor', 'Dirk', 'Eva', 'Femke'];
    const specs = [...SIMS, ...clips.map((c) => `serial:${c.appPath}?protocol=pulsesensor`)];
    let cli: ReturnType<typeof startCli> | null = null;
    try {
      for (const c of clips) await c.start();
      const args = ['record', ...specs.flatMap((s, i) => ['--sensor', s, '--client', names[i]!]), '--seconds', String(SECONDS), '--pacer', '6:4-6', '--db', db, '--json'];
      const run = (cli = startCli(args));
      await run.waitForStderr(/recording group \d+/, 20_000);
      await sleep(8000);
      await clips[1]!.unplug();
      await run.waitForStderr(/Femke: .*reconnecting/, 8000);
      await sleep(1500);
      await clips[1]!.replug();
      const guard = setTimeout(() => run.proc.kill('SIGKILL'), 70_000);
      const { code } = await run.exited;
      clearTimeout(guard);
      assert.equal(code, 0, run.stderr());
      const out = JSON.parse(run.stdout()) as { groupId: number; sessions: Record<string, unknown>[] };
      assert.deepEqual(Object.keys(out), ['groupId', 'sessions']);
      assert.equal(out.sessions.length, 6);
      for (const s of out.sessions) assert.deepEqual(Object.keys(s), ['sessionId', 'clientId', 'durationSec', 'samples', 'beats', 'meanHrBpm', 'status']);
      assert.ok(out.sessions.every((s) => s.status === 'complete'), run.stdout());

      const storage = openStorage(db, { readonly: true });
      try {
        assert.deepEqual(storage.groups.require(out.groupId).sessionIds, out.sessions.map((s) => s.sessionId));
        const truths = [...SIMS.map(simTruthHr), ...clips.map((c) => c.meanHrBpm)];
        out.sessions.forEach((j, i) => {
          const s = storage.sessions.require(j.sessionId as number);
          const who = `${names[i]} (${specs[i]})`;
          assert.equal(storage.clients.require(s.clientId).name, names[i], `${who}: in their own record, in the order of the pairs`);
          assert.equal(s.groupId, out.groupId);
          assert.equal(s.sensorSpec.startsWith(specs[i]!), true, `${who}: their own sensor (${s.sensorSpec})`);
          assert.ok(Math.abs(s.fsHz! - (i < 4 ? 250 : 50)) < 0.5, `${who}: their sensor's rate (${s.fsHz} Hz)`);
          assert.ok(Math.abs(s.durationSec - SECONDS) < 1, `${who}: ${s.durationSec} s`);
          const hr = j.meanHrBpm as number;
          t.diagnostic(`${who}: mean HR ${hr} bpm, produced ${truths[i]!.toFixed(2)}`);
          assert.ok(Math.abs(hr - truths[i]!) < 1, `${who}: mean HR ${hr} vs ${truths[i]!.toFixed(2)} produced`);
          const gaps = storage.gaps.list(s.id);
          if (i === 2) {
            assert.equal(gaps.length, 1, `${who}: the clip-off, once: ${JSON.stringify(gaps)}`);
            assert.ok(gaps[0]!.startSec > 10 && gaps[0]!.endSec < 18 && gaps[0]!.reason === 'no-contact', JSON.stringify(gaps));
          } else if (i === 5) {
            assert.ok(gaps.length >= 1 && gaps.every((g) => g.reason === 'disconnected'), `${who}: the unplugged time: ${JSON.stringify(gaps)}`);
            const len = gaps.reduce((a, g) => a + g.endSec - g.startSec, 0);
            assert.ok(len > 1.2 && len < 6, `${who}: ${len} s unplugged`);
            assert.ok(s.samples < 50 * (SECONDS - 1.2), `${who}: no samples for the unplugged time (${s.samples})`);
          } else {
            assert.deepEqual(gaps, [], `${who}: no gaps of the others`);
          }
        });
        assert.ok(storage.groups.require(out.groupId).endedAt, 'the group has its end');
      } finally {
        storage.close();
      }
      const listed = await runCli(['sessions', '--db', db, '--json']);
      const rows = JSON.parse(listed.stdout) as { id: number; groupId?: number }[];
      assert.deepEqual(rows.map((r) => r.groupId), Array(6).fill(out.groupId), '`cadans sessions` shows the group');
    } finally {
      if (cli && cli.proc.exitCode === null) cli.proc.kill('SIGKILL');
      for (const c of clips) await c.stop();
    }
  });

  test('crash-safe like single sessions: a killed group recording leaves every client\'s session, recovered as interrupted', { timeout: 60_000 }, async () => {
    const db = join(dir, 'killed.sqlite');
    const run = startCli(['record', '--sensor', 'sim:hr=60,speed=5', '--client', 'P', '--sensor', 'sim:hr=75,speed=5', '--client', 'Q', '--sensor', 'sim:hr=90,speed=5', '--client', 'R', '--db', db]);
    await run.waitForStderr(/recording group (\d+)/, 20_000);
    await sleep(3500); // about 15 s of signal each
    run.proc.kill('SIGKILL');
    await run.exited;
    const listed = await runCli(['sessions', '--db', db, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = JSON.parse(listed.stdout) as { id: number; status: string; samples: number; groupId?: number }[];
    assert.equal(rows.length, 3);
    for (const r of rows) {
      assert.equal(r.status, 'interrupted', JSON.stringify(r));
      assert.ok(r.samples > 250, `session ${r.id} kept its ${r.samples} samples`);
      assert.equal(r.groupId, rows[0]!.groupId);
    }
    const storage = openStorage(db, { readonly: true });
    try {
      const g = storage.groups.require(rows[0]!.groupId!);
      assert.deepEqual(g.sessionIds, rows.map((r) => r.id));
      assert.ok(g.endedAt, 'the group ended with its last session');
      const hrs = rows.map((r) => storedSummary(storage.sessions.require(r.id).summary)?.meanHrBpm);
      hrs.forEach((hr, i) => assert.ok(typeof hr === 'number' && Math.abs(hr - [60, 75, 90][i]!) < 4, `session ${rows[i]!.id}: ${hr} bpm, its own sensor's`));
    } finally {
      storage.close();
    }
  });

  test('refused before anything is recorded: a --client missing for a --sensor, the same sensor twice', async () => {
    const db = join(dir, 'refused.sqlite');
    const missing = await runCli(['record', '--sensor', 'sim', '--client', 'A', '--sensor', 'sim:hr=70', '--db', db]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /one --client for every --sensor/);
    const twice = await runCli(['record', '--sensor', 'sim:seed=3', '--client', 'A', '--sensor', 'sim:seed=3', '--client', 'B', '--db', db]);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /given twice: every client needs their own sensor/);
  });
});
