import { safeJson, safeLines, showText } from '../../shared/text/safeText.js';
import { openSensor } from '../devices/openSensor.js';
import type { QualityEvent } from '../../shared/ipc/apiTypes.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';
import { replayLabel, type ReplayInfo } from '../../shared/sensors/replayLabel.js';
import { openCliCore } from './cliCore.js';
import type { Locale } from '../../shared/i18n/locales.js';
import { gapReasonText, sensorLabelText, simLabelText } from '../../shared/i18n/sessionTexts.js';
import { cliError, cliIssues, sensorProblemError } from './cliError.js';
import { cliLocale, cliNum, cliText, usageOf, type CliParams, type CliTextKey } from './cliText.js';
import type { CliCommand } from './cliMain.js';
import { MonitorBeatLines } from './monitorBeats.js';
import { MonitorCollector, type MonitorSensorInfo, type MonitorSummary } from './monitorSummary.js';


/**
 * `cadans monitor`: a client of the app core — connect a sensor (`connectSensor`), follow its live
 * stream (the batches, quality seconds and connection news a renderer gets) and print a summary at the end: `--seconds` of SIGNAL time (a simulator or a
 * file replay at speed=10 plays 120 s in about 12 s), the end of a replayed file, or Ctrl-C.
 * With --json exactly one object on stdout:
 * `{ durationSec, beats, meanHrBpm, rmssdMs, gaps: [{ startSec, endSec }], qualityPct,
 *    sensor: { spec, kind, label, protocol?, fsHz?, state } }`;
 * without, a live line per second of signal (HR, quality, state, hints) and a readable summary.
 * With --beats, stdout carries one JSON object per line as the stream runs: a `beat` line when a
 * beat is first known (provisionally ≈ 0.2 s after its pulse peak, or decided), a `revise` line
 * when a provisional beat moves or is withdrawn (see monitorBeats.ts), and the summary object last
 * with `"type":"summary"` added.
 * Connection messages go to stderr. A bad spec exits 2, an unavailable sensor 1.
 */
export const monitorCommand: CliCommand = {
  options: {
    sensor: { type: 'string' },
    seconds: { type: 'string' },
    json: { type: 'boolean', default: false },
    beats: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw cliError('cli.unexpectedArgument', { arg: positionals[0]!, usage: usageOf('monitor') }, 2);
    const spec = values.sensor;
    if (typeof spec !== 'string' || spec.trim() === '') throw cliError('monitor.sensorRequired', { usage: usageOf('monitor') }, 2);
    let seconds: number | null = null;
    if (values.seconds !== undefined) {
      seconds = Number(values.seconds);
      if (!Number.isFinite(seconds) || seconds <= 0) throw cliError('monitor.seconds', { got: String(values.seconds) }, 2);
    }
    const probe = openSensor(spec);
    if ('error' in probe) throw cliIssues([probe.issue], probe.error, 2);
    return runMonitor(spec, seconds, values.json === true, values.beats === true, cliLocale());
  },
};

async function runMonitor(spec: string, seconds: number | null, json: boolean, beats: boolean, locale: Locale): Promise<number> {
  const cli = await openCliCore({ dbFile: null });
  const { api } = cli;
  const collector = new MonitorCollector();
  let stdoutClosed = false;
  const out = (text: string): void => {
    if (!stdoutClosed) process.stdout.write(text);
  };
  // --beats: JSON lines only on stdout (beats as they come, the summary last).
  const beatLines = beats ? new MonitorBeatLines((line) => out(JSON.stringify(line) + '\n'), seconds) : null;
  const human = !json && !beats;
  let state = 'connecting';
  let channel = '';
  let finish: (reason: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => (finish = resolve));
  const offs: (() => void)[] = [];
  const onSignal = (): void => finish('interrupted');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A closed stdout (`| head`) ends monitoring quietly. Stays attached: a late EPIPE must not crash the CLI.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    stdoutClosed = true;
    if (e.code !== 'EPIPE') process.stderr.write(`cadans monitor: ${cliText(locale, 'cli.stdout', { detail: e.code ?? e.message })}\n`);
    finish('interrupted');
  });
  try {
    // Subscribed before connecting: what the sensor says while it starts (the protocol it was
    // recognised as) is printed too. This CLI core has no other channel.
    offs.push(
      cli.on('onConnection', (e) => {
        if (channel !== '' && e.channel !== channel) return;
        if (e.notice) process.stderr.write(`cadans monitor: ${showText(formatSensorNotice(e.notice, locale), 300)}\n`);
        if (channel === '') return;
        state = e.state;
        if (e.state === 'disconnected' || e.state === 'error') finish('ended');
      }),
    );
    let label: string;
    try {
      const view = await api.connectSensor(spec);
      channel = view.channel;
      label = shownLabel(view, locale);
      state = view.state;
    } catch (err) {
      throw sensorProblemError(err);
    }
    offs.push(
      cli.on('onLive', (b) => {
        if (b.channel !== channel) return;
        collector.addBatch(b);
        beatLines?.addBatch(b);
        if (human) for (const g of b.gaps) out(cliText(locale, 'monitor.gap', { from: cliNum(locale, g.startSec), to: cliNum(locale, g.endSec), reason: locale === 'en' ? g.reason : gapReasonText(locale, g.reason) }) + '\n');
        if (seconds !== null && collector.clockSec >= seconds) finish('seconds');
      }),
    );
    if (human) {
      // One line per completed second of signal, up to --seconds (the sensor may run slightly past it).
      offs.push(
        cli.on('onQuality', (q) => {
          if (q.channel === channel && (seconds === null || q.tSec + 1 <= seconds)) out(liveLine(q, collector.lastMetrics?.hrBpm ?? null, state, locale));
        }),
      );
      out(cliText(locale, 'monitor.start', { label: showText(label, 120), seconds: seconds ? cliNum(locale, seconds, Number.isInteger(seconds) ? 0 : 1) : 'none' }) + '\n');
    }
    const reason = await ended;
    const ch = cli.core.devices.channel(channel);
    const dataEnd = ch?.dataEndSec ?? collector.clockSec;
    const sensor: MonitorSensorInfo = {
      spec: ch?.spec ?? spec,
      kind: ch?.info.kind ?? 'unknown',
      label: ch?.info.label ?? label,
      ...(ch?.info.protocol ? { protocol: ch.info.protocol } : {}),
      ...(ch?.info.fsHz ? { fsHz: ch.info.fsHz } : {}),
      state: reason === 'ended' ? state : (ch?.state ?? state),
    };
    // Stopping the sensor delivers the beats still inside the detector's look-ahead (a last batch).
    await api.disconnectSensor(channel).catch(() => undefined);
    const durationSec = seconds !== null && reason === 'seconds' ? seconds : Math.min(seconds ?? Infinity, dataEnd);
    const summary = collector.summary(durationSec, sensor);
    if (beats) out(safeJson({ type: 'summary', ...summary }) + '\n');
    else out(json ? safeJson(summary) + '\n' : safeLines(formatMonitorSummary(summary, reason, locale, shownLabel({ label: sensor.label, spec: sensor.spec, kind: sensor.kind, ...(ch?.info.replay ? { replay: ch.info.replay } : {}) }, locale))));
    // A loaded noble can keep its HCI socket open after the sensor is closed: do not let it hold the CLI open.
    if (sensor.kind === 'ble') setTimeout(() => process.exit(0), 1000).unref();
    return 0;
  } finally {
    for (const off of offs) off();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cli.close().catch(() => undefined);
  }
}

/** One live line per second of signal (hints as the workstation gives them). */
export function liveLine(q: Pick<QualityEvent, 'tSec' | 'qualityPct' | 'contact' | 'flags' | 'hint'>, hrBpm: number | null, state: string, locale: Locale = 'en'): string {
  const hint = q.hint ? `  ${cliText(locale, 'monitor.hint', { hint: q.hint.replace(/-/g, '_'), raw: q.hint })}` : '';
  const flags = q.flags.length ? `  [${q.flags.join(', ')}]` : '';
  return (
    cliText(locale, 'monitor.live', {
      t: String(q.tSec).padStart(6),
      hr: cliNum(locale, hrBpm).padStart(5),
      q: String(q.qualityPct).padStart(3),
      contact: cliText(locale, 'monitor.contact', { contact: q.contact }),
      state: cliText(locale, 'monitor.state', { state }),
      flags,
      hint,
    }) + '\n'
  );
}

/**
 * The sensor's name in the CLI's language (the --json `sensor.label` stays the English one): a
 * replayed file, or a serial / Bluetooth device's label; the simulator with its heart rate, sample rate and speed.
 */
function shownLabel(v: { label: string; spec: string; kind: string; replay?: ReplayInfo }, locale: Locale): string {
  if (v.replay) return replayLabel(v.replay, locale);
  return v.kind === 'sim' ? simLabelText(locale, v.label) : sensorLabelText(locale, v.label, v.spec);
}

/** `shownLabel`: the sensor's name in `locale` where it differs from the (English) `s.sensor.label`. */
export function formatMonitorSummary(s: MonitorSummary, reason: string, locale: Locale = 'en', shownLabel?: string): string {
  const t = (key: CliTextKey, params?: CliParams): string => cliText(locale, key, params);
  const n = (x: number | null): string => cliNum(locale, x);
  const line = (label: string, value: string): string => `  ${label.padEnd(13)}${value}`;
  return [
    t('monitor.title', { label: shownLabel ?? s.sensor.label, why: reason }),
    line(t('monitor.duration'), t('monitor.durationValue', { sec: n(s.durationSec) })),
    line(t('monitor.beats'), String(s.beats)),
    line(t('monitor.heartRate'), `${n(s.meanHrBpm)} bpm`),
    line('RMSSD', `${n(s.rmssdMs)} ms`),
    line(t('monitor.quality'), t('monitor.qualityValue', { pct: String(s.qualityPct) })),
    line(t('monitor.gaps'), s.gaps.length ? s.gaps.map((g) => `${n(g.startSec)}–${n(g.endSec)} s`).join(', ') : t('monitor.none')),
  ].join('\n') + '\n';
}
