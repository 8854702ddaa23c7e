/**
 * `cadans resonance` — the resonance-frequency assessment, headless: connect the sensor, run the
 * stepped protocol (or the sliding one with --sliding) on the device manager's shared pacer (a
 * simulator breathes with it), collect the live worker's beats and gaps, then analyse
 * (shared/dsp/resonance) and print the per-step table and the recommendation — with --json one
 * object `{ kind, steps, recommendation: { rateBpm, ranking, reason, flags, … }, settings,
 * sessionId, status, sensor }` (sliding: `breaths`, `peakRateBpm` … instead of `steps`).
 * `--step-seconds` counts signal time, so `sim:…,speed=40` runs a 10-minute protocol in ~15 s.
 *
 * With --db or --client the run is also recorded (SessionRecorder, type 'resonance') and the
 * assessment is stored in the session summary (`resonance`, see main/sessions/resonanceDefaults),
 * on the recording clock; the pacer changes and step starts are stored as pacer changes and
 * 'phase' markers. SIGINT/SIGTERM stop early: what was measured is analysed (status
 * 'interrupted'; unfinished steps show as unusable).
 */
import { DeviceManager } from '../devices/DeviceManager.js';
import { openSensor } from '../devices/openSensor.js';
import type { Interval } from '../../shared/dsp/signalGaps.js';
import {
  analyzeResonance,
  analyzeSliding,
  buildResonanceProtocol,
  buildSlidingProtocol,
  formatResonanceTable,
  formatSlidingSummary,
  PPG_PULSE_DELAY_SEC,
  resonanceProgressAt,
  type ResonanceAssessment,
  type ResonanceLanguage,
  type ResonanceProtocol,
  type ResonanceProtocolSettings,
  type SlidingAssessment,
  type SlidingProtocol,
} from '../../shared/dsp/resonance/index.js';
import type { PacerSchedule } from '../../shared/pacer/index.js';
import type { SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import { SessionRecorder } from '../sessions/SessionRecorder.js';
import { storeResonance } from '../sessions/resonanceDefaults.js';
import type { Storage } from '../storage/storage.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { withRecordsDb } from './dbOpen.js';
import { clientForRecording } from './recordsClient.js';

const USAGE =
  'cadans resonance --sensor <spec> [--steps 6.5,6,5.5,5,4.5] [--step-seconds 120] [--settle-seconds 30] ' +
  '[--rest-seconds 0] [--ratio 4-6] [--sliding] [--json] [--lang en|nl] [--client <name|id>] [--db FILE]';
/** Signal after the protocol's end before stopping, s (the beat detector's look-ahead). */
const END_TAIL_SEC = 3;

interface ResonanceArgs {
  spec: string;
  sliding: boolean;
  stepped: Partial<ResonanceProtocolSettings>;
  inhaleFraction: number | undefined;
  json: boolean;
  lang: ResonanceLanguage;
  store: boolean;
  clientSpec: string | undefined;
  db: string | undefined;
}

function positiveSeconds(name: string, v: string | boolean | undefined, allowZero = false): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(String(v).trim());
  if (String(v).trim() === '' || !Number.isFinite(x) || x < 0 || (!allowZero && x === 0))
    throw new CliError(`--${name} must be a number of seconds ${allowZero ? '≥ 0' : '> 0'} (got '${String(v)}')`, 2);
  return x;
}

function parseArgs(values: Record<string, string | boolean | undefined>, positionals: string[]): ResonanceArgs {
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
  const spec = values.sensor;
  if (typeof spec !== 'string' || spec.trim() === '') throw new CliError(`--sensor <spec> is required (usage: ${USAGE})`, 2);
  const stepped: Partial<ResonanceProtocolSettings> = {};
  if (values.steps !== undefined) {
    const parts = String(values.steps).split(',').map((p) => p.trim());
    const rates = parts.map(Number);
    if (parts.some((p) => p === '') || rates.some((r) => !Number.isFinite(r)))
      throw new CliError(`--steps must be breathing rates separated by commas, e.g. 6.5,6,5.5,5,4.5 (got '${String(values.steps)}')`, 2);
    stepped.ratesBpm = rates;
  }
  const stepSec = positiveSeconds('step-seconds', values['step-seconds']);
  if (stepSec !== undefined) stepped.stepSec = stepSec;
  const settle = positiveSeconds('settle-seconds', values['settle-seconds'], true);
  if (settle !== undefined) stepped.settleSec = settle;
  const rest = positiveSeconds('rest-seconds', values['rest-seconds'], true);
  if (rest !== undefined) stepped.restSec = rest;
  let inhaleFraction: number | undefined;
  if (values.ratio !== undefined) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*[-:]\s*(\d+(?:\.\d+)?)\s*$/.exec(String(values.ratio));
    if (!m || !(Number(m[1]) > 0) || !(Number(m[2]) > 0))
      throw new CliError(`--ratio must be inhale-exhale, e.g. 4-6 or 5-5 (got '${String(values.ratio)}')`, 2);
    inhaleFraction = Number(m[1]) / (Number(m[1]) + Number(m[2]));
    stepped.inhaleFraction = inhaleFraction;
  }
  const lang = values.lang === undefined ? 'en' : String(values.lang);
  if (lang !== 'en' && lang !== 'nl') throw new CliError(`--lang must be en or nl (got '${lang}')`, 2);
  const sliding = values.sliding === true;
  if (sliding && (values.steps !== undefined || stepSec !== undefined || rest !== undefined))
    throw new CliError('--sliding runs the fixed 6.75 → 4.25 breaths/min sweep; --steps, --step-seconds and --rest-seconds do not apply', 2);
  const clientSpec = typeof values.client === 'string' ? values.client : undefined;
  if (clientSpec !== undefined && clientSpec.trim() === '') throw new CliError('--client needs a name or an id', 2);
  const db = typeof values.db === 'string' ? values.db : undefined;
  return {
    spec: spec.trim(),
    sliding,
    stepped,
    inhaleFraction,
    json: values.json === true,
    lang,
    store: clientSpec !== undefined || db !== undefined,
    clientSpec,
    db,
  };
}

type Built = { kind: 'stepped'; p: ResonanceProtocol } | { kind: 'sliding'; p: SlidingProtocol };

function build(args: ResonanceArgs, startSec: number): Built {
  const settle = args.stepped.settleSec;
  const r = args.sliding
    ? buildSlidingProtocol({ ...(args.inhaleFraction !== undefined ? { inhaleFraction: args.inhaleFraction } : {}), ...(settle !== undefined ? { settleSec: settle } : {}) }, startSec)
    : buildResonanceProtocol(args.stepped, startSec);
  if ('error' in r) throw new CliError(`resonance protocol: ${r.error}`, 2);
  return args.sliding ? { kind: 'sliding', p: r as SlidingProtocol } : { kind: 'stepped', p: r as ResonanceProtocol };
}

/** Where in the protocol `tSec` falls: label for progress, and whether the pacer is shown. */
function phaseAt(b: Built, tSec: number): { key: string; label: string; paced: boolean } {
  if (b.kind === 'sliding') {
    const k = b.p.breaths.findIndex((x) => tSec < x.endSec);
    const i = k < 0 ? b.p.breaths.length - 1 : k;
    const block = Math.floor(i / 13);
    return { key: `s${block}`, label: `sliding, breath ${i + 1}/${b.p.breaths.length} at ${b.p.breaths[i].rateBpm.toFixed(2)} breaths/min`, paced: true };
  }
  const pr = resonanceProgressAt(b.p, tSec);
  const n = pr.stepCount;
  if (pr.kind === 'rest') return { key: `r${pr.stepIndex}`, label: `rest before step ${pr.stepIndex! + 1}/${n} (breathe freely)`, paced: false };
  if (pr.kind === 'step') return { key: `p${pr.stepIndex}`, label: `step ${pr.stepIndex! + 1}/${n}: ${pr.rateBpm!.toFixed(1)} breaths/min`, paced: true };
  return { key: pr.kind, label: pr.kind === 'done' ? 'protocol done' : 'starting', paced: true };
}

interface RunResult {
  assessment: ResonanceAssessment | SlidingAssessment;
  sessionId: number | null;
  clientName: string | null;
  status: 'complete' | 'interrupted';
  sensor: { spec: string; label: string; kind: string };
}

async function runAssessment(args: ResonanceArgs, storage: Storage | null): Promise<RunResult> {
  const dm = new DeviceManager();
  let recorder: SessionRecorder | null = null;
  const say = (msg: string): void => void process.stderr.write(`cadans resonance: ${msg}\n`);
  let finish: (status: 'complete' | 'interrupted', why: string) => void = () => undefined;
  let endStatus: 'complete' | 'interrupted' = 'complete';
  let done = false;
  const ended = new Promise<void>((resolve) => {
    finish = (status, why) => {
      if (done) return; // the first reason wins (disconnecting at the end also reports 'disconnected')
      done = true;
      endStatus = status;
      if (status === 'interrupted') say(why);
      resolve();
    };
  });
  const onSignal = (sig: NodeJS.Signals): void => finish('interrupted', `stopped by ${sig}; analysing what was measured`);
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    let channel: string;
    let info: SensorSourceInfo;
    try {
      ({ channel, info } = await dm.connect(args.spec));
    } catch (e) {
      throw new CliError(`cannot open sensor '${args.spec}': ${(e as Error).message}`);
    }
    const startSec = Math.max(0, dm.signalTimeSec(channel));
    const built = build(args, startSec);
    const schedule: PacerSchedule = built.p.schedule;
    dm.setPacer(schedule);
    let clientName: string | null = null;
    if (storage) {
      const { client } = clientForRecording(storage, args.clientSpec);
      clientName = client.name;
      const first = schedule.segments[0].settings;
      recorder = new SessionRecorder(storage, dm, {
        clientId: client.id,
        type: 'resonance',
        channel,
        pacer: { rateBpm: first.rateBpm, inhaleFraction: first.inhaleFraction },
        notes: built.kind === 'sliding' ? 'resonance assessment (sliding protocol)' : 'resonance assessment (stepped protocol)',
        onFlushError: (e, n) => {
          if (n === 1 || n % 10 === 0) say(`saving failed (${e.message}); retrying`);
        },
      });
      say(`recording session ${recorder.start().id} for ${client.name}`);
    }
    const beatsSec: number[] = [];
    const quality: number[] = [];
    const gaps: Interval[] = [];
    dm.on('analysis', (c, r) => {
      if (c !== channel) return;
      for (let i = 0; i < r.beatTSec.length; i++) {
        beatsSec.push(r.beatTSec[i]);
        quality.push(r.beatQuality[i]);
      }
    });
    dm.on('gap', (c, g) => {
      if (c === channel) gaps.push({ startSec: g.startSec, endSec: g.endSec });
    });
    dm.on('state', (c, s, message) => {
      if (c !== channel) return;
      if (s === 'reconnecting') say(`sensor connection lost, reconnecting${message ? ` (${message})` : ''}`);
      if (s === 'disconnected' || s === 'error') finish('interrupted', `sensor ${s}${message ? `: ${message}` : ''}`);
    });
    let phaseKey = '';
    const endSec = built.p.endSec;
    say(`${info.label}: protocol of ${Math.round(endSec - startSec)} s of signal`);
    timer = setInterval(() => {
      const t = dm.dataTimeSec(channel);
      const ph = phaseAt(built, t);
      if (ph.key !== phaseKey) {
        phaseKey = ph.key;
        dm.setPacer(ph.paced ? schedule : null);
        if (t < endSec) say(`${ph.label} (signal ${t.toFixed(0)} s)`);
      }
      if (t >= endSec + END_TAIL_SEC) finish('complete', '');
    }, 20);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    await ended;
    clearInterval(timer);
    timer = undefined;
    dm.setPacer(null);
    await dm.disconnect(channel); // delivers the last analysis results

    // Analyse on the recording clock when recording (the stored beats use it), else the sensor clock.
    const off = recorder?.clockOffsetSec ?? 0;
    const onClock = build(args, startSec - off);
    const input = {
      beatsSec: beatsSec.map((t) => t - off),
      quality,
      gaps: gaps.map((g) => ({ startSec: g.startSec - off, endSec: g.endSec - off })),
      pulseDelaySec: info.fsHz !== undefined ? PPG_PULSE_DELAY_SEC : 0,
    };
    const assessment = onClock.kind === 'sliding' ? analyzeSliding(input, onClock.p) : analyzeResonance(input, onClock.p);
    let sessionId: number | null = null;
    if (recorder && storage) {
      if (onClock.kind === 'stepped') {
        for (const ph of onClock.p.phases) {
          const t = Math.max(0, ph.startSec);
          if (ph.kind === 'step' && ph.stepIndex > 0) recorder.changePacer({ rateBpm: ph.rateBpm, inhaleFraction: onClock.p.settings.inhaleFraction }, t);
          recorder.addMarker(t, 'phase', ph.kind === 'rest' ? `rest before step ${ph.stepIndex + 1}` : `step ${ph.stepIndex + 1}: ${ph.rateBpm} breaths/min`);
        }
      } else {
        recorder.addMarker(Math.max(0, onClock.p.startSec), 'phase', `sliding ${onClock.p.settings.startRateBpm} → ${onClock.p.settings.endRateBpm} breaths/min`);
      }
      await recorder.stop(endStatus);
      sessionId = recorder.sessionId;
      storeResonance(storage, sessionId, assessment);
    }
    return { assessment, sessionId, clientName, status: endStatus, sensor: { spec: args.spec, label: info.label, kind: info.kind } };
  } finally {
    if (timer) clearInterval(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (recorder?.isRecording) await recorder.stop('interrupted').catch(() => undefined);
    await dm.close().catch(() => undefined);
  }
}

export const resonanceCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Resonance-frequency assessment: paces the client through 6.5, 6, 5.5, 5, 4.5 breaths/min (2 min each by default; ' +
    '--sliding: 6.75 → 4.25 over 78 breaths), scores each step on phase synchrony, HR peak-to-trough, LF power, LF peak, ' +
    'smoothness and the number of LF peaks (Shaffer & Meehan 2020) and recommends a rate. Seconds are signal time. ' +
    'With --json one object {kind, steps, recommendation: {rateBpm, ranking, reason, flags}, settings, sessionId, status, sensor}. ' +
    'With --db/--client the run is stored as a session of type resonance.',
  options: {
    sensor: { type: 'string' },
    steps: { type: 'string' },
    'step-seconds': { type: 'string' },
    'settle-seconds': { type: 'string' },
    'rest-seconds': { type: 'string' },
    ratio: { type: 'string' },
    sliding: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    lang: { type: 'string' },
    client: { type: 'string' },
    db: { type: 'string' },
  },
  async run({ values, positionals }) {
    const args = parseArgs(values, positionals);
    build(args, 0); // refuse bad protocol settings before touching the sensor or the database
    const probe = openSensor(args.spec);
    if ('error' in probe) throw new CliError(`--sensor: ${probe.error}`, 2);
    const result = args.store
      ? await withRecordsDb(args.db, {}, (storage) => runAssessment(args, storage))
      : await runAssessment(args, null);
    const a = result.assessment;
    if (args.json) {
      process.stdout.write(JSON.stringify({ ...a, sessionId: result.sessionId, status: result.status, sensor: result.sensor }) + '\n');
    } else {
      let text = a.kind === 'stepped' ? formatResonanceTable(a, args.lang) : formatSlidingSummary(a, args.lang);
      if (result.status === 'interrupted') text += 'Status: interrupted before the end of the protocol\n';
      if (result.sessionId !== null) text += `Stored as session ${result.sessionId} for ${result.clientName}\n`;
      process.stdout.write(text);
    }
    return 0;
  },
};
