/**
 * `cadans resonance` — the resonance-frequency assessment, headless, as a client of the app core:
 * connect the sensor and run the same assessment as the workstation's guided screen
 * (`startResonance`: the stepped protocol, or the sliding one with --sliding, on the shared pacer
 * a simulator breathes with), then print the per-step table and the recommendation — with --json one
 * object `{ kind, steps, recommendation: { rateBpm, ranking, reason, flags, … }, settings,
 * sessionId, status, sensor }` (sliding: `breaths`, `peakRateBpm` … instead of `steps`).
 * `--step-seconds` counts signal time, so `sim:…,speed=40` runs a 10-minute protocol in ~15 s.
 *
 * With --db or --client the run is kept: recorded as a session of type 'resonance' with the
 * assessment in its summary (`resonance`, see main/sessions/resonanceDefaults), the pacer changes
 * and step starts as pacer changes and 'phase' markers; without them it runs on a throw-away database. SIGINT/SIGTERM stop early: what was measured is analysed (status
 * 'interrupted'; unfinished steps show as unusable).
 */
import { safeJson, safeLines, showText } from '../../shared/text/safeText.js';
import { openSensor } from '../devices/openSensor.js';
import {
  buildResonanceProtocol,
  buildSlidingProtocol,
  formatResonanceTable,
  formatSlidingSummary,
  type ResonanceAssessment,
  type ResonanceLanguage,
  type ResonanceProgress,
  type ResonanceProtocol,
  type ResonanceProtocolSettings,
  type SlidingAssessment,
  type SlidingProtocol,
} from '../../shared/dsp/resonance/index.js';
import { resonanceRunProgress } from '../../shared/ipc/resonanceRunProgress.js';
import type { ResonanceRunView } from '../../shared/ipc/resonanceTypes.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';
import { openCliCore, type CliCore } from './cliCore.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { CliError, cliError, cliIssues, sensorProblemText } from './cliError.js';
import { errorText } from '../../shared/i18n/CadansError.js';
import { resonanceSettingsProblems } from '../../shared/dsp/resonance/resonanceProtocol.js';
import { cliLocale, cliNum, cliText, usageOf } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { channelLabelText } from '../../shared/i18n/sessionTexts.js';
import { resolveDbPath } from './dbPath.js';
import { clientForRecording } from './recordsClient.js';


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
    throw cliError('resonance.seconds', { name, zero: allowZero ? 'yes' : 'no', got: String(v) }, 2);
  return x;
}

function parseArgs(values: Record<string, string | boolean | undefined>, positionals: string[]): ResonanceArgs {
  if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('resonance') }, 2);
  const spec = values.sensor;
  if (typeof spec !== 'string' || spec.trim() === '') throw cliError('resonance.sensorRequired', { usage: usageOf('resonance') }, 2);
  const stepped: Partial<ResonanceProtocolSettings> = {};
  if (values.steps !== undefined) {
    const parts = String(values.steps).split(',').map((p) => p.trim());
    const rates = parts.map(Number);
    if (parts.some((p) => p === '') || rates.some((r) => !Number.isFinite(r)))
      throw cliError('resonance.steps', { got: String(values.steps) }, 2);
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
      throw cliError('resonance.ratio', { got: String(values.ratio) }, 2);
    inhaleFraction = Number(m[1]) / (Number(m[1]) + Number(m[2]));
    stepped.inhaleFraction = inhaleFraction;
  }
  // The table's language: --lang, else the CLI's (CADANS_LANG, a Dutch system locale, else English).
  const lang = values.lang === undefined ? cliLocale() : String(values.lang);
  if (lang !== 'en' && lang !== 'nl') throw cliError('resonance.lang', { got: lang }, 2);
  const sliding = values.sliding === true;
  if (sliding && (values.steps !== undefined || stepSec !== undefined || rest !== undefined))
    throw cliError('resonance.slidingFixed', {}, 2);
  const clientSpec = typeof values.client === 'string' ? values.client : undefined;
  if (clientSpec !== undefined && clientSpec.trim() === '') throw cliError('cli.clientNeedsSpec', {}, 2);
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
  if ('error' in r) {
    // The stepped protocol's problems are coded: each in the CLI's language.
    const problems = args.sliding ? null : resonanceSettingsProblems(args.stepped);
    if (!problems || problems.length === 0) throw cliError('resonance.protocol', { detail: r.error }, 2);
    throw new CliError(cliText('en', 'resonance.protocol', { detail: r.error }), 2, {
      render: (l) => cliText(l, 'resonance.protocol', { detail: problems.map((p) => errorText(l, { ...p, message: '' })).join('; ') }),
    });
  }
  return args.sliding ? { kind: 'sliding', p: r as SlidingProtocol } : { kind: 'stepped', p: r as ResonanceProtocol };
}

interface RunResult {
  assessment: ResonanceAssessment | SlidingAssessment;
  sessionId: number;
  clientName: string;
  status: 'complete' | 'interrupted';
  sensor: { spec: string; label: string; kind: string };
}

/** A line for where the run is now, in `locale`. */
function progressLabel(p: ResonanceProgress, sliding: boolean, locale: Locale): string {
  if (p.kind === 'before') return cliText(locale, 'resonance.starting');
  if (p.kind === 'done') return cliText(locale, 'resonance.done');
  const at = { n: String(p.stepIndex! + 1), count: String(p.stepCount) };
  if (sliding) return cliText(locale, 'resonance.slidingBreath', { ...at, rate: cliNum(locale, p.rateBpm!, 2) });
  if (p.kind === 'rest') return cliText(locale, 'resonance.rest', at);
  return cliText(locale, 'resonance.step', { ...at, rate: cliNum(locale, p.rateBpm!, 1) });
}

/**
 * Run the assessment as a client of the app core (`startResonance`, the same run the workstation's
 * guided screen uses): the core records it as a session of type 'resonance' and stores the
 * assessment; we follow its progress (`onResonance`) until it ends.
 */
async function runAssessment(args: ResonanceArgs, cli: CliCore): Promise<RunResult> {
  const { api } = cli;
  const say = (msg: string): void => void process.stderr.write(`cadans resonance: ${showText(msg, 400)}\n`);
  let channel = '';
  let label: string;
  let kind: string;
  /** The sensor's name in the CLI's language (the --json `sensor.label` stays the English one). */
  let sensorShown: string;
  // Subscribed before connecting: what the sensor says while it starts is printed too.
  const offConn = cli.on('onConnection', (e) => {
    if ((channel === '' || e.channel === channel) && e.notice) say(formatSensorNotice(e.notice, args.lang));
  });
  try {
    const v = await api.connectSensor(args.spec);
    ({ channel, label, kind } = v);
    sensorShown = channelLabelText(args.lang, v);
  } catch (e) {
    offConn();
    throw cliError('resonance.cannotOpenSensor', { spec: args.spec, detail: sensorProblemText(args.lang, e) });
  }
  const { client } = clientForRecording(cli.core.storage, args.clientSpec);
  let done: (v: ResonanceRunView) => void = () => undefined;
  const finished = new Promise<ResonanceRunView>((resolve) => (done = resolve));
  let shown = '';
  let runId = -1;
  const offs = [
    cli.on('onResonance', (v) => {
      if (v.runId !== runId) return;
      if (v.status !== 'running') done(v);
    }),
    offConn,
  ];
  const timer = setInterval(() => {
    void api.getResonanceRun().then((v) => {
      if (!v || v.runId !== runId) return;
      const p = resonanceRunProgress(v, v.clockSec);
      const text = progressLabel(p, v.variant === 'sliding', args.lang);
      if (text !== shown && v.status === 'running') say(cliText(args.lang, 'resonance.progress', { text, sec: Math.max(0, v.clockSec - v.startSec).toFixed(0) }));
      shown = text;
      if (v.status !== 'running') done(v);
    });
  }, 50);
  const onSignal = (sig: NodeJS.Signals): void => {
    say(cliText(args.lang, 'resonance.stopped', { signal: sig }));
    void api.stopResonance().catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const settings: Partial<ResonanceProtocolSettings> = args.sliding
      ? { ...(args.inhaleFraction !== undefined ? { inhaleFraction: args.inhaleFraction } : {}), ...(args.stepped.settleSec !== undefined ? { settleSec: args.stepped.settleSec } : {}) }
      : args.stepped;
    const first = await api.startResonance({ clientId: client.id, variant: args.sliding ? 'sliding' : 'stepped', settings, channel });
    runId = first.runId;
    say(cliText(args.lang, 'resonance.protocolOf', { label: sensorShown, sec: String(Math.round(first.endSec - first.startSec)), store: args.store ? 'yes' : 'no', sessionId: String(first.sessionId), client: client.name }));
    const end = await finished;
    if (end.status === 'interrupted' && end.endReason) say(end.endReason);
    if (!end.assessment) throw cliError('resonance.noResult', { reason: end.endReason ?? end.status });
    return {
      assessment: end.assessment,
      sessionId: end.sessionId,
      clientName: client.name,
      status: end.status === 'complete' ? 'complete' : 'interrupted',
      sensor: { spec: args.spec, label, kind },
    };
  } finally {
    clearInterval(timer);
    for (const off of offs) off();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const resonanceCommand: CliCommand = {
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
    if ('error' in probe) throw cliIssues([probe.issue], probe.error, 2, '--sensor');
    // Without --db/--client nothing is kept: the run is recorded in a throw-away database.
    const cli = await openCliCore({ dbFile: args.store ? resolveDbPath(args.db) : null });
    let result: RunResult;
    try {
      result = await runAssessment(args, cli);
    } catch (e) {
      throw toCliError(e);
    } finally {
      await cli.close();
    }
    const a = result.assessment;
    const sessionId = args.store ? result.sessionId : null;
    if (args.json) {
      process.stdout.write(safeJson({ ...a, sessionId, status: result.status, sensor: result.sensor }) + '\n');
    } else {
      let text = a.kind === 'stepped' ? formatResonanceTable(a, args.lang) : formatSlidingSummary(a, args.lang);
      if (result.status === 'interrupted') text += cliText(args.lang, 'resonance.interrupted') + '\n';
      if (sessionId !== null) text += cliText(args.lang, 'resonance.stored', { sessionId: String(sessionId), client: result.clientName }) + '\n';
      process.stdout.write(safeLines(text));
    }
    return 0;
  },
};
