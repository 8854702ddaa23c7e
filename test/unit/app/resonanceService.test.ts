// The resonance assessment in the app service: a run is a live 'resonance' session whose pacer
// follows the protocol; the table fills in as steps become final; the session ends by itself,
// the assessment is stored and its rate (or the therapist's override) becomes the client's
// default; stopping early keeps the finished steps, cancelling stores nothing.
//
// The beats are synthetic: heart rate follows the pacer's lung volume with an amplitude that is
// largest at 5.5 breaths/min (a known resonance), so the recommendation must be 5.5.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppService } from '../../../main/app/AppService.js';
import type { ResonanceRunView } from '../../../shared/ipc/resonanceTypes.js';
import type { EventName } from '../../../shared/ipc/contract.js';
import type { WorkerResult } from '../../../main/analysis/analysisProtocol.js';
import type { PacerSchedule } from '../../../shared/pacer/pacerSchedule.js';
import { ReportFormat } from '../../../shared/report/reportFormat.js';
import { resonanceSection } from '../../../shared/report/resonanceSection.js';
import { createTestApp, type FakeDevices, type FakeRecorder, type TestApp } from './fakeAppDevices.js';

const SHORT = { ratesBpm: [6.5, 5.5, 4.5], stepSec: 60, settleSec: 10 };
const RESONANCE_BPM = 5.5;

/** HR swing (bpm, peak-to-trough) of the synthetic client at a breathing rate: largest at 5.5/min. */
const swingBpm = (rateBpm: number): number => 12 / (1 + ((rateBpm - RESONANCE_BPM) / 0.6) ** 2);

describe('AppService: resonance assessment', () => {
  let app: TestApp;
  let devices: FakeDevices;
  let recorders: FakeRecorder[];
  let service: AppService;
  let events: [EventName, unknown][];
  let schedule: PacerSchedule | null;
  let nextBeatSec: number;

  beforeEach(async () => {
    app = createTestApp(200);
    ({ devices, recorders, service, events } = app);
    await service.connectSensor('sim');
    devices.clockSec = 10;
    nextBeatSec = 10;
    schedule = null;
  });

  afterEach(() => app.close());

  const runs = (): ResonanceRunView[] => events.filter((e) => e[0] === 'onResonance').map((e) => e[1] as ResonanceRunView);
  const tickWait = () => new Promise((r) => setTimeout(r, 30));

  /** The worker's beats up to `untilSec` (HR follows the pacer's lung volume), then the clock moves there. */
  async function feed(untilSec: number): Promise<void> {
    const sch = schedule ?? devices.pacers.findLast((p): p is PacerSchedule => p !== null)!;
    schedule = sch;
    const beats: number[] = [];
    while (nextBeatSec < untilSec) {
      const st = sch.at(nextBeatSec);
      const hr = 66 + swingBpm(st.rateBpm) * (st.lung - 0.5);
      nextBeatSec += 60 / hr;
      beats.push(nextBeatSec);
    }
    const metric = { tSec: untilSec, hrBpm: 66, rmssdMs: 40, sdnnMs: 50, coherenceRatio: 2, coherenceLevel: 'medium' as const, respirationBpm: 6, qualityPct: 100, timingNoiseMs: 1, withheld: {} };
    const result: WorkerResult = {
      type: 'result',
      channel: 'ch1',
      seq: 1,
      gen: 1,
      final: beats.map((t) => ({ tSec: t, fidSec: t, ibiMs: null, quality: 1, flags: 0 })),
      provisional: [],
      unusable: [],
      beatEvents: [],
      metrics: [metric],
      spectrum: null,
      workMs: 0,
      lookAheadSec: 0,
    };
    // As the real recorder does: the recording's analysis goes to the session owner's tap.
    for (const r of recorders) r.opts.tap?.addAnalysis(result);
    devices.clockSec = untilSec;
    await tickWait();
  }

  async function feedUntil(endSec: number): Promise<void> {
    for (let t = devices.clockSec + 5; t < endSec; t += 5) await feed(t);
    await feed(endSec);
  }

  test('a full stepped run: pacer, markers, live table, automatic end, stored assessment, default rate, override', async () => {
    const c = service.createClient({ name: 'Resi' });
    assert.equal(service.getLastResonanceRate(c.id), null, 'no assessment yet');
    const v0 = service.startResonance({ clientId: c.id, settings: SHORT });
    assert.equal(v0.status, 'running');
    assert.equal(v0.sessionId, recorders[0]!.sessionId);
    assert.equal(recorders[0]!.opts.type, 'resonance');
    assert.equal(recorders[0]!.opts.pacer?.rateBpm, 6.5, 'the recording starts with the first step');
    assert.deepEqual(v0.phases.map((p) => p.rateBpm), [6.5, 5.5, 4.5]);
    assert.equal(v0.startSec, 10);
    const sch = devices.pacers.at(-1)!;
    assert.ok(sch, 'the simulator follows a pacer');
    assert.deepEqual(sch.segments.map((s) => s.settings.rateBpm), [6.5, 5.5, 4.5], 'the device follows the whole protocol schedule');
    assert.equal(v0.progress.kind, 'step');
    assert.equal(v0.progress.stepIndex, 0);
    assert.equal(v0.progress.settling, true);
    assert.equal(v0.stepsDone, 0);

    assert.throws(() => service.pauseSession(), /cannot be paused/);
    assert.throws(() => service.setPacer({ rateBpm: 6, inhaleFraction: 0.5 }), /resonance assessment sets the pacer/);
    assert.throws(() => service.startResonance({ clientId: c.id }), /already running/);

    // Into step 2: step 1's row arrives once its beats are final.
    const step2 = v0.phases[1]!;
    await feedUntil(step2.startSec + 5);
    const live = service.getResonanceRun()!;
    assert.equal(live.progress.stepIndex, 1);
    assert.equal(live.stepsDone, 1, 'step 1 is in the table');
    assert.equal(live.assessment?.kind, 'stepped');
    assert.equal(live.assessment!.kind === 'stepped' && live.assessment.steps.length, 1);
    assert.equal(runs().at(-1)!.stepsDone, 1, 'pushed to the renderer');
    const markers = recorders[0]!.markers.map((m) => m[2]);
    assert.deepEqual(markers, ['stap 1: 6,5 ademhalingen/min', 'stap 2: 5,5 ademhalingen/min'], 'written in the app language (Dutch by default)');
    assert.equal(recorders[0]!.pacerChanges[0]![0].rateBpm, 5.5);
    assert.ok(Math.abs(recorders[0]!.pacerChanges[0]![1] - (step2.startSec - 10)) < 1e-9, 'pacer change at the step start, recording clock');

    // To the end: the session stops by itself.
    await feedUntil(v0.endSec + 3);
    await tickWait();
    assert.equal(service.getSessionState().phase, 'idle');
    assert.equal(recorders[0]!.stopped, 'complete');
    const done = runs().at(-1)!;
    assert.equal(done.status, 'complete');
    assert.equal(done.assessment?.kind, 'stepped');
    const a = done.assessment!;
    assert.equal(a.kind === 'stepped' && a.steps.length, 3);
    assert.equal(a.recommendation.rateBpm, RESONANCE_BPM, `recommends the resonance rate (${JSON.stringify(a.recommendation.ranking.map((r) => [r.rateBpm, r.score]))})`);
    assert.ok(a.kind === 'stepped' && Math.abs(a.steps[0]!.startSec - 0) < 1e-6, 'the stored assessment is on the recording clock');

    const result = service.getResonanceResult(done.sessionId);
    assert.equal(result.status, 'complete');
    assert.equal(result.assessment.recommendation.rateBpm, RESONANCE_BPM);
    assert.equal(result.isClientDefault, true);
    assert.deepEqual(
      result.stepTraces.map((tr) => tr.rateBpm),
      a.kind === 'stepped' ? a.steps.map((st) => st.rateBpm) : [],
      'a heart-rate trace per step for the per-step charts',
    );
    assert.deepEqual(service.getLastResonanceRate(c.id), { rateBpm: 5.5, source: 'recommendation', flags: result.assessment.recommendation.flags, sessionId: done.sessionId, startedAt: result.startedAt });
    assert.equal(service.listSessions(c.id)[0]!.type, 'resonance', 'in the client history');

    // The therapist overrides; it becomes the default and the run view shows it.
    const o = service.setResonanceOverride({ sessionId: done.sessionId, rateBpm: 5, note: ' cliënt vond 5 prettiger ' });
    assert.equal(o.override?.rateBpm, 5);
    assert.equal(o.override?.note, 'cliënt vond 5 prettiger');
    assert.equal(o.rate?.source, 'override');
    assert.equal(service.getLastResonanceRate(c.id)?.rateBpm, 5);
    assert.equal(runs().at(-1)!.override?.rateBpm, 5);
    assert.throws(() => service.setResonanceOverride({ sessionId: done.sessionId, rateBpm: 20 }), /3–12/);
    service.setResonanceOverride({ sessionId: done.sessionId, rateBpm: null });
    assert.equal(service.getLastResonanceRate(c.id)?.rateBpm, 5.5, 'removing the override restores the recommendation');

    // The report section shows it.
    const html = resonanceSection(service.getResonanceResult(done.sessionId).assessment, new ReportFormat('nl'), 'nl');
    assert.match(html, /Resonantiefrequentiemeting/);
    assert.match(html, /5,5 ademhalingen\/min/);
    assert.equal((html.match(/<tr data-rate=/g) ?? []).length, 3);
  });

  test('stopped early: the finished steps are stored as interrupted and never become the default', async () => {
    const c = service.createClient({ name: 'Vroeg' });
    const v0 = service.startResonance({ clientId: c.id, settings: SHORT });
    await feedUntil(v0.phases[1]!.startSec + 4);
    const v = await service.stopResonance();
    assert.equal(v.status, 'interrupted');
    assert.match(v.endReason ?? '', /stopped early/);
    assert.equal(recorders[0]!.stopped, 'interrupted');
    assert.equal(v.assessment?.kind === 'stepped' && v.assessment.steps.length, 1, 'only the finished step');
    assert.equal(service.getResonanceResult(v.sessionId).status, 'interrupted');
    assert.equal(service.getLastResonanceRate(c.id), null);
    assert.equal(devices.pacers.at(-1), null, 'the pacer stops');
    await assert.rejects(service.stopResonance(), /no resonance assessment is running/);
  });

  test('cancelled: the recording is kept as interrupted without an assessment', async () => {
    const c = service.createClient({ name: 'Stop' });
    const v0 = service.startResonance({ clientId: c.id, settings: SHORT });
    await feedUntil(v0.phases[1]!.startSec + 4);
    const v = await service.cancelResonance();
    assert.equal(v.status, 'cancelled');
    assert.equal(v.assessment, null);
    assert.throws(() => service.getResonanceResult(v.sessionId), /no resonance assessment/);
  });

  test('the stop button of the live console ends the run as interrupted too', async () => {
    const c = service.createClient({ name: 'Console' });
    service.startResonance({ clientId: c.id, settings: SHORT });
    await feed(20);
    await service.stopSession();
    assert.equal(service.getResonanceRun()?.status, 'interrupted');
    assert.equal(recorders[0]!.stopped, 'interrupted');
  });

  test('a lost sensor ends the run as interrupted, with the reason', async () => {
    const c = service.createClient({ name: 'Kabel' });
    const v0 = service.startResonance({ clientId: c.id, settings: SHORT });
    await feedUntil(v0.phases[1]!.startSec + 4);
    devices.channel('ch1')!.state = 'disconnected';
    await tickWait();
    await tickWait();
    const v = service.getResonanceRun()!;
    assert.equal(v.status, 'interrupted');
    assert.match(v.endReason ?? '', /sensor went away/);
    assert.equal(service.getSessionState().phase, 'idle');
    assert.equal(service.getResonanceResult(v.sessionId).assessment.kind, 'stepped', 'what was measured is kept');
  });

  test('rests between steps: the pacer is off and the client breathes freely', async () => {
    const c = service.createClient({ name: 'Rust' });
    const v0 = service.startResonance({ clientId: c.id, settings: { ...SHORT, restSec: 20 } });
    assert.deepEqual(v0.phases.map((p) => p.kind), ['step', 'rest', 'step', 'rest', 'step']);
    const rest = v0.phases[1]!;
    await feedUntil(rest.startSec + 2);
    assert.equal(service.getResonanceRun()!.progress.kind, 'rest');
    assert.equal(devices.pacers.at(-1), null);
    assert.equal(service.getPacer(), null);
    assert.ok(recorders[0]!.markers.some((m) => m[2] === 'rust vóór stap 2'));
    await feedUntil(v0.phases[2]!.startSec + 1);
    assert.equal(devices.pacers.at(-1), schedule, 'the same schedule (continuous breath phase) is back for the next step');
  });

  test('bad requests are refused before anything is recorded', () => {
    const c = service.createClient({ name: 'Fout' });
    assert.throws(() => service.startResonance({ clientId: c.id, settings: { ratesBpm: [6] } }), /2 to 12 breathing rates/);
    assert.throws(() => service.startResonance({ clientId: c.id, settings: { stepSec: 30, settleSec: 20 } }), /leave .* to analyse/);
    assert.throws(() => service.startResonance({ clientId: c.id, settings: { stepsSec: 60 } as never }), /unknown resonance setting.*stepsSec/);
    assert.throws(() => service.startResonance({ clientId: c.id, variant: 'sliding', settings: { stepSec: 60 } }), /sliding.*stepSec do not apply/);
    assert.throws(() => service.startResonance({ clientId: c.id, variant: 'zigzag' as never }), /variant/);
    assert.throws(() => service.startResonance({ clientId: 0 }), /clientId/);
    assert.throws(() => service.startResonance({ clientId: 4242 }), /4242/);
    assert.equal(recorders.length, 0);
    assert.equal(service.getResonanceRun(), null);
    assert.throws(() => service.getResonanceResult(1), /does not exist/);
  });

  test('a sliding run: breath-by-breath progress, analysed at the end', async () => {
    const c = service.createClient({ name: 'Glij' });
    const v0 = service.startResonance({ clientId: c.id, variant: 'sliding', settings: { settleSec: 20 } });
    assert.equal(v0.variant, 'sliding');
    assert.equal(v0.breaths.length, 78);
    assert.equal(v0.progress.stepCount, 78);
    await feedUntil(v0.breaths[10]!.startSec + 1);
    const mid = service.getResonanceRun()!;
    assert.equal(mid.progress.stepIndex, 10);
    assert.ok(Math.abs(mid.progress.rateBpm! - v0.breaths[10]!.rateBpm) < 1e-9);
    assert.equal(mid.assessment, null);
    await feedUntil(v0.endSec + 3);
    await tickWait();
    const done = service.getResonanceRun()!;
    assert.equal(done.status, 'complete');
    assert.equal(done.assessment?.kind, 'sliding');
    const peak = done.assessment!.kind === 'sliding' ? done.assessment.peakRateBpm : null;
    assert.ok(peak !== null && Math.abs(peak - RESONANCE_BPM) < 0.3, `sliding peak near ${RESONANCE_BPM} (got ${peak})`);
  });
});
