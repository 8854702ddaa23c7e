import { DeviceManager } from '../devices/DeviceManager.js';
import { openSensor } from '../devices/openSensor.js';
import { PacerSchedule } from '../../shared/pacer/index.js';
import { parsePacerSpec } from '../../shared/pacer/parsePacerSpec.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { Client } from '../../shared/domain/types.js';
import { SessionRecorder } from '../sessions/SessionRecorder.js';
import type { SessionSummary } from '../sessions/sessionSummary.js';
import { CLI_STALE_AFTER_SEC, recoverOnStartup } from '../sessions/startup.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { resolveDbPath } from './dbPath.js';
import { DEFAULT_CLIENT_NAME, findClients } from './recordsClient.js';

const USAGE = 'cadans record --sensor <spec> [--seconds N] [--client <name|id>] [--pacer <bpm>[:<in>-<out>]] [--db FILE] [--json]';
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

interface RecordArgs {
  spec: string;
  seconds: number | undefined;
  clientSpec: string;
  pacer: PacerSettings | null;
}

function parseRecordArgs(values: Record<string, string | boolean | undefined>, positionals: string[]): RecordArgs {
  if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
  const spec = values.sensor;
  if (typeof spec !== 'string' || spec.trim() === '') throw new CliError(`--sensor <spec> is required (e.g. --sensor sim) (usage: ${USAGE})`, 2);
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
  const clientSpec = typeof values.client === 'string' ? values.client : DEFAULT_CLIENT_NAME;
  if (clientSpec.trim() === '') throw new CliError('--client needs a name or an id', 2);
  return { spec: spec.trim(), seconds, clientSpec, pacer };
}

/**
 * `cadans record` — record a session headless: open the sensor, record until `--seconds` of
 * signal, SIGINT/SIGTERM or the end of the sensor's stream, then store the summary.
 */
export const recordCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Record a session from a sensor (sim[:key=value,…], serial:…, ble[:…], file:…) for --seconds of signal or until ' +
    'Ctrl+C / SIGTERM, for a client (a new name is created; default Anonymous), optionally with a breathing pacer. ' +
    'With --json, prints exactly {sessionId, durationSec, samples, beats, meanHrBpm, status}.',
  options: {
    sensor: { type: 'string' },
    seconds: { type: 'string' },
    client: { type: 'string' },
    pacer: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    const args = parseRecordArgs(values, positionals);
    // A bad spec is refused before the database is touched (openSensor only parses; it opens nothing).
    const probe = openSensor(args.spec);
    if ('error' in probe) throw new CliError(`--sensor: ${probe.error}`, 2);
    const file = resolveDbPath(values.db);
    let storage: Storage;
    try {
      storage = openStorage(file);
    } catch (e) {
      throw toCliError(e);
    }
    try {
      recoverOnStartup(storage, { staleAfterSec: CLI_STALE_AFTER_SEC });
      const result = await record(storage, args);
      process.stdout.write(values.json ? JSON.stringify(result.json) + '\n' : formatRecord(result, file));
      return 0;
    } catch (e) {
      throw toCliError(e);
    } finally {
      storage.close();
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

async function record(storage: Storage, args: RecordArgs): Promise<RecordResult> {
  const found = findClients(storage, args.clientSpec);
  const dm = new DeviceManager();
  try {
    if (args.pacer) dm.setPacer(new PacerSchedule(args.pacer, 0));
    let channel: string;
    try {
      channel = (await dm.connect(args.spec)).channel;
    } catch (e) {
      throw new CliError(`cannot open sensor '${args.spec}': ${(e as Error).message}`);
    }
    const client = found[0] ?? storage.clients.create({ name: args.clientSpec.trim() });

    let endReason = '';
    let finish: (reason: string) => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      finish = (reason) => {
        endReason ||= reason;
        resolve();
      };
    });
    const recorder = new SessionRecorder(storage, dm, {
      clientId: client.id,
      type: args.pacer ? 'breathing' : 'biofeedback',
      channel,
      pacer: args.pacer,
      maxSec: args.seconds,
      onLimit: () => finish(`${args.seconds} s recorded`),
      onFlushError: (e, n) => {
        if (n === 1 || n % 10 === 0) process.stderr.write(`cadans record: saving failed (${e.message}); retrying, nothing is lost yet\n`);
      },
    });
    const offState = dm.on('state', (c, s, message) => {
      if (c !== channel) return;
      if (s === 'reconnecting') process.stderr.write(`cadans record: sensor connection lost, reconnecting${message ? ` (${message})` : ''}\n`);
      if (s === 'disconnected' || s === 'error') finish(`sensor ${s}${message ? `: ${message}` : ''}`);
    });
    const onSignal = (sig: NodeJS.Signals): void => finish(`stopped by ${sig}`);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const row = recorder.start();
      process.stderr.write(
        `cadans record: recording session ${row.id} for ${client.name} from ${args.spec}` +
          (args.seconds ? ` for ${args.seconds} s` : ' until Ctrl+C') +
          '\n',
      );
      await ended;
      await dm.disconnect(channel); // delivers the last analysis results while still recording
      const summary = await recorder.stop('complete');
      const s = storage.sessions.require(recorder.sessionId);
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
        endReason,
      };
    } finally {
      offState();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (recorder.isRecording) await recorder.stop('complete').catch(() => undefined);
    }
  } finally {
    await dm.close();
  }
}

const fmt = (x: number | null, d = 1): string => (x === null ? '—' : x.toFixed(d));

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
    lines.push(
      `  heart rate      ${fmt(s.meanHrBpm)} bpm`,
      `  RMSSD / SDNN    ${fmt(s.rmssdMs)} / ${fmt(s.sdnnMs)} ms, pNN50 ${fmt(s.pnn50Pct)} %`,
      `  LF/HF           ${fmt(s.lfHf, 2)}, LF peak ${fmt(s.lfPeakHz, 3)} Hz`,
      `  coherence       mean ${fmt(s.coherenceMean, 2)}, peak ${fmt(s.coherencePeak, 2)}; ` +
        `low/medium/high ${fmt(s.coherencePct.low, 0)}/${fmt(s.coherencePct.medium, 0)}/${fmt(s.coherencePct.high, 0)} %`,
      `  breathing rate  ${fmt(s.breathingRateBpm)} breaths/min`,
      `  artifacts       ${s.correctedBeats} corrected (${fmt(s.correctedPct)} %), signal quality ${fmt(s.signalQualityPct, 0)} %`,
    );
  }
  lines.push(`  database        ${file}`);
  return lines.join('\n') + '\n';
}
