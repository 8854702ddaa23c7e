import { safeJson, safeLines, showText } from '../../shared/text/safeText.js';
import { openSensor } from '../devices/openSensor.js';
import type { QualityEvent } from '../../shared/ipc/apiTypes.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';
import { openCliCore } from './cliCore.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { MonitorBeatLines } from './monitorBeats.js';
import { MonitorCollector, type MonitorSensorInfo, type MonitorSummary } from './monitorSummary.js';

const USAGE = 'cadans monitor --sensor <spec> [--seconds <n>] [--json] [--beats]';

/** Short English texts for the placement hint keys (the app shows translated ones). */
const HINT_TEXT: Record<string, string> = {
  'check-connection': 'no signal — check the cable / connection',
  'clip-off': 'ear clip off? — clip it back on the ear lobe',
  'move-clip': 'signal clipping — move the clip to another spot on the lobe',
  'hold-still': 'movement — ask the client to hold still',
  'warm-ear': 'weak pulse — rub or warm the ear lobe',
};

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
  usage: USAGE,
  summary:
    'Connect a sensor (sim[:…], serial:<path>[?protocol=…], ble[:<name-or-id>], file:<path>[?speed=N]) and monitor ' +
    'heart rate and signal quality live. --seconds counts signal time. With --json, prints exactly one JSON ' +
    'object at the end: durationSec, beats, meanHrBpm, rmssdMs, gaps, qualityPct, sensor. With --beats, one JSON ' +
    'object per line as the stream runs: {"type":"beat",tSec,ibiMs,provisional,emittedAtMs} when a beat is first known, ' +
    '{"type":"revise",tSec,newTSec} when a provisional beat moves or is withdrawn (newTSec null), the summary last ' +
    'with "type":"summary".',
  options: {
    sensor: { type: 'string' },
    seconds: { type: 'string' },
    json: { type: 'boolean', default: false },
    beats: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}' (usage: ${USAGE})`, 2);
    const spec = values.sensor;
    if (typeof spec !== 'string' || spec.trim() === '') throw new CliError(`--sensor <spec> is required (usage: ${USAGE}; see 'cadans sensors')`, 2);
    let seconds: number | null = null;
    if (values.seconds !== undefined) {
      seconds = Number(values.seconds);
      if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--seconds must be a positive number (got '${values.seconds}')`, 2);
    }
    const probe = openSensor(spec);
    if ('error' in probe) throw new CliError(probe.error, 2);
    return runMonitor(spec, seconds, values.json === true, values.beats === true);
  },
};

async function runMonitor(spec: string, seconds: number | null, json: boolean, beats: boolean): Promise<number> {
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
    if (e.code !== 'EPIPE') process.stderr.write(`cadans monitor: cannot write to stdout: ${e.code ?? e.message}\n`);
    finish('interrupted');
  });
  try {
    // Subscribed before connecting: what the sensor says while it starts (the protocol it was
    // recognised as) is printed too. This CLI core has no other channel.
    offs.push(
      cli.on('onConnection', (e) => {
        if (channel !== '' && e.channel !== channel) return;
        if (e.notice) process.stderr.write(`cadans monitor: ${showText(formatSensorNotice(e.notice, 'en'), 300)}\n`);
        if (channel === '') return;
        state = e.state;
        if (e.state === 'disconnected' || e.state === 'error') finish('ended');
      }),
    );
    let label: string;
    try {
      const view = await api.connectSensor(spec);
      channel = view.channel;
      label = view.label;
      state = view.state;
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message : String(err), 1);
    }
    offs.push(
      cli.on('onLive', (b) => {
        if (b.channel !== channel) return;
        collector.addBatch(b);
        beatLines?.addBatch(b);
        if (human) for (const g of b.gaps) out(`  gap ${g.startSec.toFixed(1)}–${g.endSec.toFixed(1)} s (${g.reason})\n`);
        if (seconds !== null && collector.clockSec >= seconds) finish('seconds');
      }),
    );
    if (human) {
      // One line per completed second of signal, up to --seconds (the sensor may run slightly past it).
      offs.push(
        cli.on('onQuality', (q) => {
          if (q.channel === channel && (seconds === null || q.tSec + 1 <= seconds)) out(liveLine(q, collector.lastMetrics?.hrBpm ?? null, state));
        }),
      );
      out(`Monitoring ${showText(label, 120)}${seconds ? ` for ${seconds} s of signal` : ''} — Ctrl-C to stop\n`);
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
    else out(json ? safeJson(summary) + '\n' : safeLines(formatMonitorSummary(summary, reason)));
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

const fmt = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));

/** One live line per second of signal. */
export function liveLine(q: Pick<QualityEvent, 'tSec' | 'qualityPct' | 'contact' | 'flags' | 'hint'>, hrBpm: number | null, state: string): string {
  const hint = q.hint ? `  ${HINT_TEXT[q.hint] ?? q.hint}` : '';
  const flags = q.flags.length ? `  [${q.flags.join(', ')}]` : '';
  return `${String(q.tSec).padStart(6)} s  HR ${fmt(hrBpm).padStart(5)} bpm  quality ${String(q.qualityPct).padStart(3)} %  contact ${q.contact}  ${state}${flags}${hint}\n`;
}

export function formatMonitorSummary(s: MonitorSummary, reason: string): string {
  const why = reason === 'interrupted' ? ' (stopped with Ctrl-C)' : reason === 'ended' ? ' (the sensor stream ended)' : '';
  return [
    `Summary of ${s.sensor.label}${why}`,
    `  duration     ${fmt(s.durationSec)} s of signal`,
    `  beats        ${s.beats}`,
    `  heart rate   ${fmt(s.meanHrBpm)} bpm`,
    `  RMSSD        ${fmt(s.rmssdMs)} ms`,
    `  quality      ${s.qualityPct} % of the time covered by trusted beats`,
    `  gaps         ${s.gaps.length ? s.gaps.map((g) => `${fmt(g.startSec)}–${fmt(g.endSec)} s`).join(', ') : 'none'}`,
  ].join('\n') + '\n';
}
