/**
 * `RunSessionCalls` — the live run session (issue 15; the contract's `startRunSession`,
 * `startGroupRunSession` … `stopRunSession`, event `onRunSession`): a live session of type 'run'
 * (`SessionCalls`, recorded and crash-safe like every other) driven by the interval timer
 * (shared/running/runTimer.ts) on the session's clock. Each app tick advances the timer; every cue
 * becomes a 'run-cue' marker and goes to the pages (they play it), a Borg entry a 'run-borg' marker.
 * The plan is stored at the start (main/running/liveRunStore.ts); at the end — stopped here, or
 * ended by the session itself (sensor lost) — the run summary is computed from the stored data
 * (blocks, Borg, talk test, HRR, zones). Pausing the session (`pauseSession`) pauses the timer.
 *
 * A group run ("works for a group too") is a group session (`startGroupSession`, type 'run') of
 * 2–6 runners: one timer and one set of cues (a cue marker in every runner's recording), while each
 * runner has their own sensor, zones, Borg entries (a marker in their recording only) and stored
 * session with its own run summary. A single run is a group of one runner here.
 *
 * Zones: Karvonen with the resting HR entered or, by default, the mean HR of the client's latest
 * breathing session; HRmax entered or tested, else Tanaka (208 − 0.7·age); see runPlan.ts.
 */
import type { RecordBorgRequest, RunCueView, RunnerView, RunSessionView, StartGroupRunSessionRequest, StartRunSessionRequest } from '../../shared/ipc/runSessionTypes.js';
import type { RunSummary } from '../../shared/running/runAnalysis.js';
import { RunTimer, type RunCue } from '../../shared/running/runTimer.js';
import type { JsonObject } from '../../shared/domain/types.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import { borgNote, cueNote, finishLiveRun, RUN_MARKER, type LiveRunPlan } from '../running/liveRunStore.js';
import { runnerPlan, sessionBlocks } from '../running/runPlan.js';
import type { Storage } from '../storage/storage.js';
import type { EventHub } from './eventHub.js';
import type { SessionCalls } from './sessionCalls.js';

type BorgEntry = { blockIndex: number; borg: number | null; talkTest: boolean | null };

interface Runner {
  clientId: number;
  sessionId: number;
  channel: string;
  plan: LiveRunPlan;
  borg: Map<number, BorgEntry>;
  summary: RunSummary | null;
}

interface LiveRun {
  /** The first runner's session: the live session's own id. */
  sessionId: number;
  groupId: number | null;
  runners: Runner[];
  timer: RunTimer;
  cues: RunCueView[];
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
    // However the session ends (stopped here or elsewhere, the sensor gone …): each runner's run summary.
    sessions.onEnded((e) => {
      const r = this.run;
      if (!r || r.sessionId !== e.sessionId || r.stopped) return;
      r.stopped = true;
      for (const x of r.runners) {
        try {
          x.summary = finishLiveRun(this.storage, x.sessionId, x.plan);
        } catch (err) {
          console.error(`cadans: run summary of session ${x.sessionId} not stored: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      this.emit();
    });
  }

  startRunSession(req: StartRunSessionRequest): RunSessionView {
    this.requireIdle();
    const client = this.storage.clients.require(req.clientId);
    const at = this.now().toISOString();
    const shared = sessionBlocks(this.storage, client.id, req.blocks, this.now());
    const plan = runnerPlan(this.storage, client.id, shared, req, at);
    const state = this.sessions.startSession({ clientId: client.id, type: 'run', pacer: null, ...(req.channel ? { channel: req.channel } : {}) });
    return this.begin(null, [{ clientId: client.id, sessionId: state.sessionId!, channel: state.channel!, plan }]);
  }

  /** A group run: one timer for 2–6 runners, a 'run' session each (one group), their own zones. */
  startGroupRunSession(req: StartGroupRunSessionRequest): RunSessionView {
    this.requireIdle();
    const at = this.now().toISOString();
    const first = req.runners[0];
    if (!first) throw new CadansError('session.groupTooSmall');
    const shared = sessionBlocks(this.storage, req.programmeClientId ?? first.clientId, req.blocks, this.now());
    const plans = req.runners.map((x) => runnerPlan(this.storage, x.clientId, shared, x, at));
    const state = this.sessions.startGroupSession({ clients: req.runners.map((x) => ({ clientId: x.clientId, channel: x.channel })), pacer: null }, 'run');
    const runners = state.members.map((m, i) => ({ clientId: m.clientId, sessionId: m.sessionId, channel: m.channel, plan: plans[i]! }));
    return this.begin(state.groupId, runners);
  }

  getRunSession(): RunSessionView | null {
    return this.view();
  }

  recordBorg(req: RecordBorgRequest): RunSessionView {
    const r = this.run;
    if (!r || r.stopped) throw new CadansError('run.notRunning');
    const runner = req.clientId === undefined ? r.runners[0]! : r.runners.find((x) => x.clientId === req.clientId);
    if (!runner) throw new CadansError('session.notInGroup', { clientId: req.clientId ?? 0 });
    if (runner.plan.blocks[req.blockIndex]?.kind !== 'run') throw new CadansError('run.notRunBlock', { block: req.blockIndex + 1 });
    const entry = { blockIndex: req.blockIndex, borg: req.borg, talkTest: req.talkTest };
    // In a group, the runner's own recording only (a runner whose recording ended is refused there).
    this.sessions.addMarker({ kind: RUN_MARKER.borg, note: borgNote(entry), ...(r.groupId !== null ? { clientId: runner.clientId } : {}) });
    runner.borg.set(req.blockIndex, entry);
    return this.emit()!;
  }

  stopRunSession(): Promise<RunSessionView> {
    const r = this.run;
    if (!r || (r.stopped && !this.finishing)) return r?.stopped ? Promise.resolve(this.view()!) : Promise.reject(new CadansError('run.notRunning'));
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

  private requireIdle(): void {
    if (this.run && !this.run.stopped) throw new CadansError('session.alreadyRunning');
  }

  /** The sessions have started: each runner's plan at once in the database (a session killed mid-way is still summarised, startup.ts), then the timer. */
  private begin(groupId: number | null, runners: Omit<Runner, 'borg' | 'summary'>[]): RunSessionView {
    for (const x of runners) this.storage.sessions.setSummary(x.sessionId, x.plan as unknown as JsonObject);
    const timer = new RunTimer(runners[0]!.plan.blocks);
    this.run = { sessionId: runners[0]!.sessionId, groupId, runners: runners.map((x) => ({ ...x, borg: new Map(), summary: null })), timer, cues: [], stopped: false };
    this.cue(timer.start(this.sessions.getSessionState().elapsedSec));
    return this.emit()!;
  }

  private cue(cues: RunCue[]): void {
    const r = this.run!;
    for (const c of cues) {
      const m = this.sessions.addMarker({ kind: RUN_MARKER.cue, note: cueNote(c.kind, c.blockIndex) });
      r.cues.push({ seq: r.cues.length + 1, kind: c.kind, blockIndex: c.blockIndex, tSec: m.tSec });
    }
    if (cues.length > 0) this.emit();
  }

  private runnerView(r: LiveRun, x: Runner, prompted: number[], endReason: string | null): RunnerView {
    const due = prompted.filter((i) => !x.borg.has(i)).at(-1) ?? null;
    return {
      clientId: x.clientId,
      sessionId: x.sessionId,
      channel: x.channel,
      endReason,
      zones: x.plan.zones,
      hrRestSource: x.plan.hrRestSource,
      borgDue: r.stopped || endReason !== null ? null : due,
      borg: [...x.borg.values()],
      summary: x.summary,
    };
  }

  private view(): RunSessionView | null {
    const r = this.run;
    if (!r) return null;
    const st = r.timer.state();
    const prompted = r.cues.filter((c) => c.kind === 'borg').map((c) => c.blockIndex);
    const s = this.sessions.getSessionState();
    const ended = (sessionId: number): string | null => (s.sessionId === r.sessionId ? (s.members.find((m) => m.sessionId === sessionId)?.endReason ?? null) : null);
    const runners = r.runners.map((x) => this.runnerView(r, x, prompted, ended(x.sessionId)));
    const first = runners[0]!;
    return {
      sessionId: r.sessionId,
      clientId: first.clientId,
      phase: r.stopped ? 'stopped' : st.phase,
      blocks: r.runners[0]!.plan.blocks,
      programmeWeek: r.runners[0]!.plan.programmeWeek,
      blockIndex: st.blockIndex,
      blockLeftSec: st.blockLeftSec,
      totalLeftSec: st.totalLeftSec,
      activeSec: st.activeSec,
      next: st.next,
      cues: [...r.cues],
      borgDue: first.borgDue,
      borg: first.borg,
      zones: first.zones,
      hrRestSource: first.hrRestSource,
      summary: first.summary,
      groupId: r.groupId,
      runners,
    };
  }

  private emit(): RunSessionView | null {
    const v = this.view();
    if (v) this.hub.emit('onRunSession', v);
    return v;
  }
}
