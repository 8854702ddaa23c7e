import { withheldReasonText } from '../../shared/dsp/hrvWithheld.js';
import { withheldEntries } from '../../shared/report/withheld.js';
import { openSensor } from '../devices/openSensor.js';
import { parsePacerSpec } from '../../shared/pacer/parsePacerSpec.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { Client } from '../../shared/domain/types.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';
import { formatStorageNotice, type StorageNoticeLocale } from '../../shared/domain/storageNotices.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppRecorder } from '../app/appPorts.js';
import { NO_DATA_END_SEC } from '../app/sessionCalls.js';
import { emptySummary, storedSummary, type SessionSummary } from '../sessions/sessionSummary.js';
import { openCliCore, type CliCore } from './cliCore.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';
import { DEFAULT_CLIENT_NAME, findClients } from './recordsClient.js';
import { formatGroup, groupPairs, recordGroup } from './recordGroup.js';

const USAGE =
  'cadans record --sensor <spec> [--client <name|id>] [--sensor <spec> --client <name|id>]... [--seconds N] ' +
  '[--pacer <bpm>[:<in>-<out>]] [--db FILE] [--overflow-dir DIR] [--lang en|nl] [--json]';
/** Longest recording `--seconds` accepts (a day). */
export const MAX_RECORD_SEC = 86_400;

/** What `cadans record --json` prints (exactly these fields). */
export interface RecordJson {
  sessionId: number;
  /** Span of the stored signal, s. */
  durationSec: number;
  /** Raw samples stored. */
  samples: number;
  /** Beats stored (live detection). */
  beats: number;
  /** Mean heart rate of the offline analysis of the stored signal (null when it could not run). */
  meanHrBpm: number | null;
  status: string;
}

export interface RecordArgs {
  spec: string;
  /** Every `--sensor`/`--client` pair, in order (one pair: a single session; more: a group session). */
  pairs: { spec: string; clientSpec: string }[];
  seconds: number | undefined;
  clientSpec: string;
  pacer: PacerSettings | null;
  /** Where a recording the disk refuses is saved at its end (an existing folder), or null. */
  overflowDir: string | null;
  lang: StorageNoticeLocale;
  /** How the recording ended on a full disk (saved elsewhere, or given up), in the user's language. */
  finalNotice?: string;
}

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

function parseRecordArgs(values: Record<string, unknown>, positionals: string[]): RecordArgs {
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
  const specs = texts(values.sensor);
  const clientSpecs = texts(values.client);
  if (specs.length === 0 || specs.some((x) => x.trim() === '')) {
    throw new CliError(`--sensor <spec> is required (e.g. --sensor sim) (usage: ${USAGE})`, 2);
  }
  if (specs.length > 1 && clientSpecs.length !== specs.length) {
    throw new CliError(
      `a group session needs one --client for every --sensor, in the same order (got ${specs.length} --sensor and ${clientSpecs.length} --client)`,
      2,
    );
  }
  if (specs.length === 1 && clientSpecs.length > 1) throw new CliError(`--client is given ${clientSpecs.length} times for one --sensor (usage: ${USAGE})`, 2);
  const spec = specs[0]!;
  let seconds: number | undefined;
  if (values.seconds !== undefined) {
    const text = String(values.seconds).trim();
    seconds = Number(text);
    if (text === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_RECORD_SEC) {
      throw new CliError(`--seconds must be a number of seconds in (0, ${MAX_RECORD_SEC}] (got '${values.seconds}')`, 2);
    }
  }
  let pacer: PacerSettings | null = null;
  if (values.pacer !== undefined) {
    const p = parsePacerSpec(String(values.pacer));
    if ('error' in p) throw new CliError(`--pacer: ${p.error}`, 2);
    pacer = p;
  }
  const clientSpec = clientSpecs[0] ?? DEFAULT_CLIENT_NAME;
  if (clientSpecs.some((c) => c.trim() === '') || clientSpec.trim() === '') throw new CliError('--client needs a name or an id', 2);
  let overflowDir: string | null = null;
  if (values['overflow-dir'] !== undefined) {
    const dir = String(values['overflow-dir']);
    if (dir.trim() === '') throw new CliError('--overflow-dir needs a folder', 2);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new CliError(`--overflow-dir must be an existing folder (best on another disk) (got '${dir}')`, 2);
    overflowDir = resolve(dir);
  }
  const lang = values.lang === undefined ? 'en' : String(values.lang);
  if (lang !== 'en' && lang !== 'nl') throw new CliError(`--lang must be en or nl (got '${lang}')`, 2);
  const pairs = specs.length > 1 ? groupPairs(specs, clientSpecs) : [{ spec: spec.trim(), clientSpec }];
  return { spec: spec.trim(), pairs, seconds, clientSpec, pacer, overflowDir, lang };
}

/**
 * `cadans record` — record a session headless, as a client of the app core (the same calls as the
 * workstation: `connectSensor`, `startSession`, `stopSession`): record until `--seconds` of signal,
 * SIGINT/SIGTERM or the end of the sensor's stream, then report the stored session. A sensor that
 * sends nothing for 10 s ends the command with an error (the empty session is kept as interrupted).
 */
export const recordCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Record a session from a sensor (sim[:key=value,…], serial:…, ble[:…], file:…) for --seconds of signal or until ' +
    'Ctrl+C / SIGTERM, for a client (a new name is created; default Anonymous), optionally with a breathing pacer. ' +
    'With --json, prints exactly {sessionId, durationSec, samples, beats, meanHrBpm, status}. ' +
    'Repeated --sensor/--client pairs record a GROUP session: every client breathes with the one pacer and gets a session of ' +
    'their own (simulators get different seeds unless given); --json then prints {groupId, sessions: [{sessionId, clientId, ' +
    'durationSec, samples, beats, meanHrBpm, status}]} in the order of the pairs. A sensor that drops out reconnects and ' +
    "leaves only its client's session a gap. " +
    'When the disk is full the recording goes on: what cannot be saved is kept in memory (up to 30 min) and saved as soon ' +
    'as there is room; stopping then waits for room, or — with --overflow-dir DIR (a folder on another disk) — saves the ' +
    'whole session there after 5 s as a database of its own (a second Ctrl+C: at once; without --overflow-dir a second ' +
    'Ctrl+C gives the unsaved part up). --lang nl prints these messages in Dutch.',
  options: {
    sensor: { type: 'string', multiple: true },
    seconds: { type: 'string' },
    client: { type: 'string', multiple: true },
    pacer: { type: 'string' },
    db: { type: 'string' },
    'overflow-dir': { type: 'string' },
    lang: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    // `--sensor` and `--client` are `multiple` options: parseArgs gives them as lists.
    const args = parseRecordArgs(values as Record<string, unknown>, positionals);
    // A bad spec is refused before the database is touched (openSensor only parses; it opens nothing).
    for (const p of args.pairs) {
      const probe = openSensor(p.spec);
      if ('error' in probe) throw new CliError(`--sensor${args.pairs.length > 1 ? ` '${p.spec}'` : ''}: ${probe.error}`, 2);
    }
    const file = resolveDbPath(values.db);
    const say = (msg: string): void => void process.stderr.write(`cadans record: ${msg}\n`);
    const cli = await openCliCore({
      dbFile: file,
      overflowDir: args.overflowDir,
      // How a recording ended on a full disk is the command's final line (see `record`).
      onStorageNotice: (n) => {
        if (n.code === 'overflow-saved' || n.code === 'abandoned') args.finalNotice = formatStorageNotice(n, args.lang);
        else say(formatStorageNotice(n, args.lang));
      },
      onStartupProblem: say,
    });
    try {
      if (args.pairs.length > 1) {
        const group = await recordGroup(cli, args);
        process.stdout.write(values.json ? JSON.stringify(group.json) + '\n' : formatGroup(group, file));
        return 0;
      }
      const result = await record(cli, args);
      process.stdout.write(values.json ? JSON.stringify(result.json) + '\n' : formatRecord(result, file));
      return 0;
    } catch (e) {
      throw toCliError(e);
    } finally {
      await cli.close();
    }
  },
};

interface RecordResult {
  json: RecordJson;
  client: Client;
  spec: string;
  fsHz: number | null;
  summary: SessionSummary;
  endReason: string;
}

/** Why a recording ended, in the CLI's words (from the session's end reason). */
export const END_TEXT: Record<string, string> = {
  stopped: 'stopped',
  limit: 'the requested seconds were recorded',
  'pacer-end': 'the pacer duration ended',
  'stream-ended': 'the sensor stream ended',
  'sensor-lost': 'the sensor went away',
  'no-data': 'the sensor sent no data',
};

async function record(cli: CliCore, args: RecordArgs): Promise<RecordResult> {
  const { api, core } = cli;
  const found = findClients(core.storage, args.clientSpec);
  const say = (msg: string): void => void process.stderr.write(`cadans record: ${msg}\n`);
  // Subscribed before connecting: what the sensor says while it starts (the protocol it was
  // recognised as) is printed too. This CLI core has no other channel.
  let channel = '';
  const offConn = cli.on('onConnection', (e) => {
    if (channel !== '' && e.channel !== channel) return;
    if (e.notice) say(formatSensorNotice(e.notice, 'en'));
    else if (e.state === 'reconnecting') say('sensor connection lost, reconnecting');
  });
  try {
    channel = (await api.connectSensor(args.spec)).channel;
  } catch (e) {
    offConn();
    throw new CliError(`cannot open sensor '${args.spec}': ${(e as Error).message}`);
  }
  const client = found[0] ?? (await api.createClient({ name: args.clientSpec.trim() }));
  let sessionId = 0;
  let endReason: string | null = null;
  let recorder: AppRecorder | null = null;
  let stopRequested = false;
  const ended = new Promise<void>((resolve) => {
    cli.on('onSessionState', (st) => {
      if (sessionId !== 0 && st.phase === 'idle' && st.lastEndedSessionId === sessionId) {
        endReason = st.lastEndReason;
        resolve();
      }
    });
  });
  const onSignal = (sig: NodeJS.Signals): void => {
    // A second signal while the disk keeps the session from being closed: save it in the
    // overflow folder now, or (without one) give the unsaved part up.
    if (stopRequested && recorder?.diskFull) {
      if (args.overflowDir) {
        say(`${sig} again: saving the session in ${args.overflowDir} now`);
        recorder.saveToOverflow?.();
      } else {
        say(`${sig} again: giving up the part that could not be saved`);
        recorder.abandonUnsaved?.();
      }
      return;
    }
    stopRequested = true;
    say(`stopped by ${sig}; saving`);
    void api.stopSession().catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const st = await api.startSession({
      clientId: client.id,
      type: args.pacer ? 'breathing' : 'biofeedback',
      channel,
      pacer: args.pacer,
      ...(args.seconds !== undefined ? { maxSec: args.seconds } : {}),
    });
    sessionId = st.sessionId!;
    recorder = core.service.sessions.liveRecorder;
    say(`recording session ${sessionId} for ${client.name} from ${args.spec}` + (args.seconds ? ` for ${args.seconds} s` : ' until Ctrl+C'));
    await ended;
  } finally {
    offConn();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (recorder?.savedElsewhere || recorder?.lostSec) {
    throw new CliError(
      args.finalNotice ??
        `the disk holding ${core.storage.db.name} was full: ` +
          (recorder.savedElsewhere
            ? `session ${sessionId} was saved in full in ${recorder.savedElsewhere} (open it with --db ${recorder.savedElsewhere})`
            : `the last ${Math.round(recorder.lostSec ?? 0)} s of session ${sessionId} were given up`),
    );
  }
  const s = core.storage.sessions.require(sessionId);
  const summary = storedSummary(s.summary) ?? emptySummary('no summary', s.durationSec);
  if (endReason === 'no-data') {
    throw new CliError(
      `no data from the sensor for ${NO_DATA_END_SEC} s (${args.spec}) — is it plugged in, switched on and sending? Session ${sessionId} was kept as '${s.status}' with nothing in it.`,
    );
  }
  return {
    json: {
      sessionId: s.id,
      durationSec: Math.round(s.durationSec * 1000) / 1000,
      samples: s.samples,
      beats: s.beats,
      meanHrBpm: summary.meanHrBpm,
      status: s.status,
    },
    client,
    spec: args.spec,
    fsHz: s.fsHz,
    summary,
    endReason: END_TEXT[endReason ?? 'stopped'] ?? String(endReason),
  };
}

export const fmt = (x: number | null, d = 1): string => (x === null ? '—' : x.toFixed(d));

function formatRecord(r: RecordResult, file: string): string {
  const j = r.json;
  const s = r.summary;
  const lines = [
    `Recorded session ${j.sessionId} for ${r.client.name} (client ${r.client.id}) from ${r.spec} — ${r.endReason}`,
    `  status          ${j.status}`,
    `  signal          ${fmt(j.durationSec)} s, ${j.samples} samples${r.fsHz ? ` at ${fmt(r.fsHz, 0)} Hz` : ''}, ${j.beats} beats`,
  ];
  if (s.error) lines.push(`  analysis        not possible: ${s.error}`);
  else {
    const withheld = withheldEntries(s.hrvWithheld);
    lines.push(
      `  heart rate      ${fmt(s.meanHrBpm)} bpm`,
      `  RMSSD / SDNN    ${fmt(s.rmssdMs)} / ${fmt(s.sdnnMs)} ms, pNN50 ${fmt(s.pnn50Pct)} %`,
      `  LF/HF           ${fmt(s.lfHf, 2)}, LF peak ${fmt(s.lfPeakHz, 3)} Hz`,
      `  coherence       mean ${fmt(s.coherenceMean, 2)}, peak ${fmt(s.coherencePeak, 2)}; ` +
        `low/medium/high/not scored ${fmt(s.coherencePct.low, 0)}/${fmt(s.coherencePct.medium, 0)}/${fmt(s.coherencePct.high, 0)}/${fmt(s.coherencePct.notScored, 0)} % of the session`,
      `  breathing rate  ${fmt(s.breathingRateBpm)} breaths/min`,
      `  artifacts       ${s.correctedBeats} corrected (${fmt(s.correctedPct)} %), signal quality ${fmt(s.signalQualityPct, 0)} %`,
    );
    // A withheld figure prints as —; here is why.
    if (withheld.length) lines.push(`  withheld        ${withheld.map((e) => `${e.key} (${withheldReasonText(e.reason, 'en')})`).join(', ')}`);
  }
  lines.push(`  database        ${file}`);
  return lines.join('\n') + '\n';
}
