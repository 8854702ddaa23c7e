import { basename } from 'node:path';
import { analyzeIntervals } from '../../shared/dsp/analyzeIntervals.js';
import { analyzePpg } from '../../shared/dsp/analyzePpg.js';
import { withheldReasonText, type HrvMetricKey } from '../../shared/dsp/hrvWithheld.js';
import { coherenceTimeInLevel } from '../../shared/dsp/sessionMetrics.js';
import type { AnalysisResult } from '../../shared/dsp/types.js';
import { detectRecordingFormat } from '../../shared/io/detectFormat.js';
import { parsePpgCsv } from '../../shared/io/ppgCsv.js';
import { parseRrText } from '../../shared/io/rrText.js';
import { safeJson, showText } from '../../shared/text/safeText.js';
import { CliError } from './cliError.js';
import type { CliCommand } from './cliMain.js';
import { readTextFile } from './readTextFile.js';

const USAGE = 'cadans analyze <file> [--fs <Hz>] [--format auto|ppg-csv|rr] [--json]';

/** Offline analysis of a PPG CSV or an RR text file (contract: see README). */
export const analyzeCommand: CliCommand = {
  usage: USAGE,
  summary:
    'Analyse a recording: beats, artifact-corrected NN intervals, HRV, coherence and breathing rate. ' +
    'With --json, prints exactly one JSON object on stdout.',
  options: {
    fs: { type: 'string' },
    format: { type: 'string', default: 'auto' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new CliError(`expected one file\nUsage: ${USAGE}`, 2);
    const file = positionals[0]!;
    const format = String(values.format);
    if (!['auto', 'ppg-csv', 'rr'].includes(format)) throw new CliError(`--format must be auto, ppg-csv or rr (got '${format}')`, 2);
    let fsHz: number | undefined;
    if (values.fs !== undefined) {
      fsHz = Number(values.fs);
      if (!(fsHz > 0) || !Number.isFinite(fsHz)) throw new CliError(`--fs must be a positive number of Hz (got '${values.fs}')`, 2);
    }
    const name = showText(file, 200);
    const text = await readTextFile(file);
    if (text.trim() === '') throw new CliError(`${name} is empty`);
    const kind = format === 'auto' ? detectRecordingFormat(text, basename(file)) : format;
    let result: AnalysisResult;
    let notes: readonly string[];
    if (kind === 'rr') {
      const rr = parseRrText(text);
      if ('error' in rr) {
        const hint = rr.ppg && format === 'rr' ? ' — analyse it as --format ppg-csv (or leave --format out)' : '';
        throw new CliError(`${name}: ${rr.error}${hint}`);
      }
      notes = rr.warnings;
      result = analyzeIntervals(rr.ibiMs);
      result.settings = { ...result.settings, file: { format: rr.format, unit: rr.unit, warnings: rr.warnings } };
    } else {
      const rec = parsePpgCsv(text, fsHz === undefined ? {} : { fsHz });
      if ('error' in rec) throw new CliError(`${name}: ${rec.error}`);
      notes = rec.warnings;
      result = analyzePpg(rec.values, rec.fsHz);
      result.settings = {
        ...result.settings,
        file: { column: rec.column, timeColumn: rec.timeColumn, missingSamples: rec.nanCount, warnings: rec.warnings },
      };
    }
    process.stdout.write(values.json ? safeJson(analysisJson(result)) + '\n' : formatSummary(name, result) + notes.map((w) => `  note            ${showText(w, 300)}\n`).join(''));
    return 0;
  },
};

/**
 * The `--json` object: the analysis result, with `coherence.timeInLevel` added (the time in each
 * level and not scored over the whole session, as the session summary and the reports count it:
 * `coherenceTimeInLevel`). Fields are only ever added to this contract, never renamed or removed.
 */
export function analysisJson(result: AnalysisResult): AnalysisResult & { coherence: { timeInLevel: ReturnType<typeof coherenceTimeInLevel> } } {
  return { ...result, coherence: { ...result.coherence, timeInLevel: coherenceTimeInLevel(result) } };
}

function fmtNum(x: number | null | undefined, d = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);
}

/** The human-readable summary printed without --json (a withheld figure shows why). */
export function formatSummary(file: string, r: AnalysisResult): string {
  const h = r.hrv;
  const w = r.hrvWithheld ?? {};
  const fmt = (x: number | null | undefined, d = 1): string => fmtNum(x, d);
  /** A figure with its unit, or why it is withheld. */
  const val = (key: HrvMetricKey, d: number, unit: string): string => {
    const reason = w[key];
    return reason ? `withheld (${withheldReasonText(reason, 'en')})` : `${fmtNum(h[key], d)}${unit}`;
  };
  const pct = coherenceTimeInLevel(r).pct;
  const levels = { low: fmt(pct.low, 0), medium: fmt(pct.medium, 0), high: fmt(pct.high, 0), notScored: fmt(pct.notScored, 0) };
  const lines = [
    `Cadans analysis of ${file}`,
    `  duration        ${fmt(r.durationSec)} s${r.fsHz ? ` at ${fmt(r.fsHz, 0)} Hz` : ' (intervals)'}`,
    `  beats           ${r.beats.tSec.length} detected, ${r.nn.ibiMs.length} NN intervals, ${r.artifacts.corrected} corrected (${fmt(r.artifacts.percent)} %)`,
  ];
  if (r.signal) lines.push(`  unusable signal ${fmt(r.signal.unusableSec)} s (${fmt(r.signal.unusablePct)} %) in ${r.signal.gaps.length} stretch(es)`);
  lines.push(
    `  heart rate      ${val('meanHrBpm', 1, ' bpm')} (mean NN ${val('meanNnMs', 1, ' ms')})`,
    `  SDNN            ${val('sdnnMs', 1, ' ms')}`,
    `  RMSSD           ${val('rmssdMs', 1, ' ms')}; pNN50 ${val('pnn50Pct', 1, ' %')}`,
    `  VLF / LF / HF   ${val('vlfMs2', 0, ' ms²')} / ${val('lfMs2', 0, ' ms²')} / ${val('hfMs2', 0, ' ms²')}; LF/HF ${val('lfHf', 2, '')}`,
    `  peaks           LF ${val('lfPeakHz', 3, ' Hz')}, HF ${val('hfPeakHz', 3, ' Hz')}`,
    `  timing noise    ${r.signal?.timingNoiseMs === null || r.signal?.timingNoiseMs === undefined ? '—' : `${fmtNum(r.signal.timingNoiseMs, 1)} ms per beat`}`,
    `  coherence       mean ratio ${fmt(r.coherence.ratioMean, 2)} (${r.coherence.series.length} points); ` +
      `low/medium/high/not scored ${levels.low}/${levels.medium}/${levels.high}/${levels.notScored} % of the session`,
    `  breathing rate  ${fmt(r.respiration.rateBpmMean)} breaths/min (from heart rate)`,
  );
  return lines.join('\n') + '\n';
}
