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
import { CliError, cliError, cliIssues, sensorProblemText } from './cliError.js';
import { cliLine, cliLocale, cliNum, cliText, usageOf, type CliTextKey } from './cliText.js';
import type { Locale } from '../../shared/i18n/locales.js';
import type { MessageParams } from '../../shared/i18n/messageFormat.js';
import { analysisRefusalText } from '../../shared/i18n/analysisRefusalText.js';
import type { CliCommand } from './cliMain.js';
import { toCliError } from './dbOpen.js';
import { syncInPracticeMode } from './practiceAutoSync.js';
import { resolveDbPath } from './dbPath.js';
import { DEFAULT_CLIENT_NAME, findClients } from './recordsClient.js';
import { formatGroup, groupPairs, recordGroup } from './recordGroup.js';

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
  if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('record') }, 2);
  const specs = texts(values.sensor);
  const clientSpecs = texts(values.client);
  if (specs.length === 0 || specs.some((x) => x.trim() === '')) throw cliError('record.sensorRequired', { usage: usageOf('record') }, 2);
  if (specs.length > 1 && clientSpecs.length !== specs.length) {
    throw cliError('record.groupPairs', { sensors: String(specs.length), clients: String(clientSpecs.length) }, 2);
  }
  if (specs.length === 1 && clientSpecs.length > 1) throw cliError('record.clientTwice', { count: String(clientSpecs.length), usage: usageOf('record') }, 2);
  const spec = specs[0]!;
  let seconds: number | undefined;
  if (values.seconds !== undefined) {
    const text = String(values.seconds).trim();
    seconds = Number(text);
    if (text === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_RECORD_SEC) {
      throw cliError('record.seconds', { max: String(MAX_RECORD_SEC), got: String(values.seconds) }, 2);
    }
  }
  let pacer: PacerSettings | null = null;
  if (values.pacer !== undefined) {
    const p = parsePacerSpec(String(values.pacer));
    if ('error' in p) throw cliIssues(p.issues, p.error, 2, '--pacer');
    pacer = p;
  }
  const clientSpec = clientSpecs[0] ?? DEFAULT_CLIENT_NAME;
  if (clientSpecs.some((c) => c.trim() === '') || clientSpec.trim() === '') throw cliError('cli.clientNeedsSpec', {}, 2);
  let overflowDir: string | null = null;
  if (values['overflow-dir'] !== undefined) {
    const dir = String(values['overflow-dir']);
    if (dir.trim() === '') throw cliError('record.overflowNeedsFolder', {}, 2);
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw cliError('record.overflowMustExist', { got: dir }, 2);
    overflowDir = resolve(dir);
  }
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'nl') throw cliError('record.lang', { got: String(values.lang) }, 2);
  const lang = cliLocale(values.lang);
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
      if ('error' in probe) throw cliIssues([probe.issue], probe.error, 2, `--sensor${args.pairs.length > 1 ? ` '${p.spec}'` : ''}`);
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
        await syncInPracticeMode(cli.core.storage.db, args.lang, say);
        process.stdout.write(values.json ? JSON.stringify(group.json) + '\n' : formatGroup(group, file, args.lang));
        return 0;
      }
      const result = await record(cli, args);
      await syncInPracticeMode(cli.core.storage.db, args.lang, say);
      process.stdout.write(values.json ? JSON.stringify(result.json) + '\n' : formatRecord(result, file, args.lang));
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

async function record(cli: CliCore, args: RecordArgs): Promise<RecordResult> {
  const { api, core } = cli;
  const found = findClients(core.storage, args.clientSpec);
  const say = (msg: string): void => void process.stderr.write(`cadans record: ${msg}\n`);
  const t = (key: CliTextKey, params?: MessageParams): string => cliText(args.lang, key, params);
  // Subscribed before connecting: what the sensor says while it starts (the protocol it was
  // recognised as) is printed too. This CLI core has no other channel.
  let channel = '';
  const offConn = cli.on('onConnection', (e) => {
    if (channel !== '' && e.channel !== channel) return;
    if (e.notice) say(formatSensorNotice(e.notice, args.lang));
    else if (e.state === 'reconnecting') say(t('record.reconnecting'));
  });
  try {
    channel = (await api.connectSensor(args.spec)).channel;
  } catch (e) {
    offConn();
    throw cliError('record.cannotOpenSensor', { spec: args.spec, detail: sensorProblemText(args.lang, e) });
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
        say(t('record.signalAgainOverflow', { signal: sig, dir: args.overflowDir }));
        recorder.saveToOverflow?.();
      } else {
        say(t('record.signalAgainGiveUp', { signal: sig }));
        recorder.abandonUnsaved?.();
      }
      return;
    }
    stopRequested = true;
    say(t('record.stoppedBy', { signal: sig }));
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
    say(t('record.recording', { sessionId: String(sessionId), client: client.name, spec: args.spec, seconds: args.seconds ? String(args.seconds) : 'none' }));
    await ended;
  } finally {
    offConn();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (recorder?.savedElsewhere || recorder?.lostSec) {
    if (args.finalNotice) throw new CliError(args.finalNotice);
    throw recorder.savedElsewhere
      ? cliError('record.diskFullSaved', { db: core.storage.db.name, sessionId: String(sessionId), dir: recorder.savedElsewhere })
      : cliError('record.diskFullLost', { db: core.storage.db.name, sessionId: String(sessionId), sec: String(Math.round(recorder.lostSec ?? 0)) });
  }
  const s = core.storage.sessions.require(sessionId);
  const summary = storedSummary(s.summary) ?? emptySummary('no summary', s.durationSec);
  if (endReason === 'no-data') {
    throw cliError('record.noData', { sec: String(NO_DATA_END_SEC), spec: args.spec, sessionId: String(sessionId), status: s.status });
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
    endReason: t('record.end', { code: (endReason ?? 'stopped').replace(/-/g, '_'), reason: String(endReason) }),
  };
}

/** A number for the group summary lines (English notation, '—' when missing). */
export const fmt = (x: number | null, d = 1): string => (x === null ? '—' : x.toFixed(d));

function formatRecord(r: RecordResult, file: string, locale: Locale): string {
  const j = r.json;
  const s = r.summary;
  const t = (key: CliTextKey, params?: MessageParams): string => cliText(locale, key, params);
  const fmt = (x: number | null, d = 1): string => cliNum(locale, x, d);
  const lines = [
    t('record.title', { sessionId: String(j.sessionId), client: r.client.name, clientId: String(r.client.id), spec: r.spec, end: r.endReason }),
    cliLine(t('record.status'), j.status),
    cliLine(t('record.signal'), t('record.signalValue', { sec: fmt(j.durationSec), samples: String(j.samples), fs: r.fsHz ? fmt(r.fsHz, 0) : 'none', beats: String(j.beats) })),
  ];
  if (s.error) lines.push(cliLine(t('record.analysis'), t('record.analysisFailed', { detail: analysisRefusalText(locale, s) })));
  else {
    const withheld = withheldEntries(s.hrvWithheld);
    const pct = s.coherencePct;
    lines.push(
      cliLine(t('record.heartRate'), `${fmt(s.meanHrBpm)} bpm`),
      cliLine('RMSSD / SDNN', `${fmt(s.rmssdMs)} / ${fmt(s.sdnnMs)} ms, pNN50 ${fmt(s.pnn50Pct)} %`),
      cliLine('LF/HF', t('record.lfValue', { lfHf: fmt(s.lfHf, 2), peak: fmt(s.lfPeakHz, 3) })),
      cliLine(
        t('analyze.coherence'),
        t('record.coherenceValue', { mean: fmt(s.coherenceMean, 2), peak: fmt(s.coherencePeak, 2), low: fmt(pct.low, 0), medium: fmt(pct.medium, 0), high: fmt(pct.high, 0), notScored: fmt(pct.notScored, 0) }),
      ),
      cliLine(t('record.breathing'), t('record.breathingValue', { rate: fmt(s.breathingRateBpm) })),
      cliLine(t('record.artifacts'), t('record.artifactsValue', { corrected: String(s.correctedBeats), pct: fmt(s.correctedPct), quality: fmt(s.signalQualityPct, 0) })),
    );
    // A withheld figure prints as —; here is why.
    if (withheld.length) lines.push(cliLine(t('record.withheld'), withheld.map((e) => `${e.key} (${withheldReasonText(e.reason, locale)})`).join(', ')));
  }
  lines.push(cliLine(t('record.database'), file));
  return lines.join('\n') + '\n';
}
