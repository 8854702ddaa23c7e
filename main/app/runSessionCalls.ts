/**
 * `RunSessionCalls` — the live run session (issue 15; the contract's `startRunSession` …
 * `stopRunSession`, event `onRunSession`): a live session of type 'run' (`SessionCalls`, recorded
 * and crash-safe like every other) driven by the interval timer (shared/running/runTimer.ts) on
 * the session's clock. Each app tick advances the timer; every cue becomes a 'run-cue' marker and
 * goes to the pages (they play it), a Borg entry a 'run-borg' marker. The plan is stored at the
 * start (main/running/liveRunStore.ts); at the end — stopped here, or ended by the session itself
 * (sensor lost) — the run summary is computed from the stored data (blocks, Borg, talk test, HRR,
 * zones). Pausing the session (`pauseSession`) pauses the timer.
 *
 * Zones: Karvonen with the resting HR entered or, by default, the mean HR of the client's latest
 * breathing session; HRmax entered or tested, else Tanaka (208 − 0.7·age); see heartRateZones.ts.
 */
import type { RecordBorgRequest, RunCueView, RunSessionView, StartRunSessionRequest } from '../../shared/ipc/runSessionTypes.js';
import { heartRateZones } from '../../shared/running/heartRateZones.js';
import { programmeStatus } from '../../shared/running/programmeProgress.js';
import type { ProgrammeBlock } from '../../shared/running/programme.js';
import type { RunSummary } from '../../shared/running/runAnalysis.js';
import { RunTimer, runBlocksProblem, type RunCue } from '../../shared/running/runTimer.js';
import { localIsoDate } from '../../shared/domain/dates.js';
import type { JsonObject } from '../../shared/domain/types.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { borgNote, cueNote, finishLiveRun, RUN_MARKER, type LiveRunPlan } from '../running/liveRunStore.js';
import { runsDone } from '../running/runsDone.js';
import { ageYearsOn, restingHrBefore } from '../running/runZones.js';
import type { Storage } from '../storage/storage.js';
import type { EventHub } from './eventHub.js';
import type { SessionCalls } from './sessionCalls.js';

interface LiveRun {
  sessionId: number;
  clientId: number;
  plan: LiveRunPlan;
  timer: RunTimer;
  cues: RunCueView[];
  borg: Map<number, { blockIndex: number; borg: number | null; talkTest: boolean | null }>;
  summary: RunSummary | null;
  stopped: boolean;
}

export class RunSessionCalls {
  private run: LiveRun | null = null;
  private finishing: Promise<RunSessionView> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly sessions: SessionCalls,
    private readonly hub: EventHub,
    private readonly now: () => Date,
  ) {
    // However the session ends (stopped here or elsewhere, the sensor gone …): its run summary.
    sessions.onEnded((e) => {
      const r = this.run;
      if (!r || r.sessionId !== e.sessionId || r.summary) return;
      r.stopped = true;
      try {
        r.summary = finishLiveRun(this.storage, r.sessionId, r.plan);
      } catch (err) {
        console.error(`cadans: run summary of session ${r.sessionId} not stored: ${err instanceof Error ? err.message : String(err)}`);
      }
      this.emit();
    });
  }

  startRunSession(req: StartRunSessionRequest): RunSessionView {
    if (this.run && !this.run.stopped) throw new CadansError('session.alreadyRunning');
    const client = this.storage.clients.require(req.clientId);
    const at = this.now().toISOString();
    let blocks: ProgrammeBlock[];
    let programmeWeek: number | null = null;
    if (req.blocks && req.blocks.length > 0) blocks = req.blocks.map((b) => ({ kind: b.kind, sec: b.sec }));
    else {
      const p = this.storage.runProgrammes.listByClient(client.id).at(-1);
      const next = p ? programmeStatus(p, runsDone(this.storage, client.id), localIsoDate(this.now())).next : null;
      if (!next) throw new CadansError('run.noBlocks');
      blocks = next.blocks.map((b) => ({ kind: b.kind, sec: b.sec }));
      programmeWeek = next.week;
    }
    const problem = runBlocksProblem(blocks);
    if (problem) throw new CadansError('run.badBlocks', { detail: problem });
    const enteredRest = req.hrRestBpm ?? null;
    const rest = enteredRest ?? restingHrBefore(this.storage, client.id, at);
    const zones = heartRateZones({ hrRestBpm: rest, hrMaxBpm: req.hrMaxBpm ?? null, ageYears: ageYearsOn(client.dateOfBirth, at) });
    const plan: LiveRunPlan = { kind: 'run-plan', blocks, programmeWeek, zones, hrRestSource: rest === null ? null : enteredRest !== null ? 'entered' : 'lastSession' };
    const state = this.sessions.startSession({ clientId: client.id, type: 'run', pacer: null, ...(req.channel ? { channel: req.channel } : {}) });
    const sessionId = state.sessionId!;
    // The plan at once in the database: a session killed mid-way is still summarised (startup.ts).
    this.storage.sessions.setSummary(sessionId, plan as unknown as JsonObject);
    const timer = new RunTimer(blocks);
    this.run = { sessionId, clientId: client.id, plan, timer, cues: [], borg: new Map(), summary: null, stopped: false };
    this.cue(timer.start(this.sessions.getSessionState().elapsedSec));
    return this.emit()!;
  }

  getRunSession(): RunSessionView | null {
    return this.view();
  }

  recordBorg(req: RecordBorgRequest): RunSessionView {
    const r = this.run;
    if (!r || r.stopped) throw new CadansError('run.notRunning');
    if (r.plan.blocks[req.blockIndex]?.kind !== 'run') throw new CadansError('run.notRunBlock', { block: req.blockIndex + 1 });
    const entry = { blockIndex: req.blockIndex, borg: req.borg, talkTest: req.talkTest };
    this.sessions.addMarker({ kind: RUN_MARKER.borg, note: borgNote(entry) });
    r.borg.set(req.blockIndex, entry);
    return this.emit()!;
  }

  stopRunSession(): Promise<RunSessionView> {
    const r = this.run;
    if (!r || (r.stopped && !this.finishing)) return r?.summary ? Promise.resolve(this.view()!) : Promise.reject(new CadansError('run.notRunning'));
    this.finishing ??= (async () => {
      try {
        this.tick();
        if (this.sessions.getSessionState().sessionId === r.sessionId) await this.sessions.stopSession();
        return this.view()!;
      } finally {
        this.finishing = null;
      }
    })();
    return this.finishing;
  }

  /** Each app tick: advance the timer on the session clock (paused with the session). */
  tick(): void {
    const r = this.run;
    if (!r || r.stopped) return;
    const s = this.sessions.getSessionState();
    if (s.sessionId !== r.sessionId) return;
    const t = s.elapsedSec;
    const phase = r.timer.state().phase;
    if (s.phase === 'paused' && phase === 'running') this.cue(r.timer.pause(t));
    else if (s.phase === 'recording' && phase === 'paused') r.timer.resume(t);
    const before = Math.floor(r.timer.state().activeSec);
    const cues = r.timer.tick(t);
    if (cues.length > 0) this.cue(cues);
    // The view once a (session) second: the pages' big clock.
    else if (Math.floor(r.timer.state().activeSec) !== before) this.emit();
  }

  private cue(cues: RunCue[]): void {
    const r = this.run!;
    for (const c of cues) {
      const m = this.sessions.addMarker({ kind: RUN_MARKER.cue, note: cueNote(c.kind, c.blockIndex) });
      r.cues.push({ seq: r.cues.length + 1, kind: c.kind, blockIndex: c.blockIndex, tSec: m.tSec });
    }
    if (cues.length > 0) this.emit();
  }

  private view(): RunSessionView | null {
    const r = this.run;
    if (!r) return null;
    const st = r.timer.state();
    const prompted = r.cues.filter((c) => c.kind === 'borg').map((c) => c.blockIndex);
    const due = prompted.filter((i) => !r.borg.has(i)).at(-1) ?? null;
    return {
      sessionId: r.sessionId,
      clientId: r.clientId,
      phase: r.stopped ? 'stopped' : st.phase,
      blocks: r.plan.blocks,
      programmeWeek: r.plan.programmeWeek,
      blockIndex: st.blockIndex,
      blockLeftSec: st.blockLeftSec,
      totalLeftSec: st.totalLeftSec,
      activeSec: st.activeSec,
      next: st.next,
      cues: [...r.cues],
      borgDue: r.stopped ? null : due,
      borg: [...r.borg.values()],
      zones: r.plan.zones,
      hrRestSource: r.plan.hrRestSource,
      summary: r.summary,
    };
  }

  private emit(): RunSessionView | null {
    const v = this.view();
    if (v) this.hub.emit('onRunSession', v);
    return v;
  }
}
