import { basename } from 'node:path';
import { analyzeIntervals } from '../../shared/dsp/analyzeIntervals.js';
import { analyzePpg } from '../../shared/dsp/analyzePpg.js';
import { withheldReasonText, type HrvMetricKey } from '../../shared/dsp/hrvWithheld.js';
import { coherenceTimeInLevel } from '../../shared/dsp/sessionMetrics.js';
import type { AnalysisResult } from '../../shared/dsp/types.js';
import { detectRecordingFormat } from '../../shared/io/detectFormat.js';
import { parsePpgCsv } from '../../shared/io/ppgCsv.js';
import { errorText } from '../../shared/i18n/CadansError.js';
import { parseRrText } from '../../shared/io/rrText.js';
import { safeJson, showText } from '../../shared/text/safeText.js';
import { CliError, cliError } from './cliError.js';
import { cliLine, cliLocale, cliNum, cliText, usageOf, type CliTextKey } from './cliText.js';
import type { Locale } from '../../shared/i18n/locales.js';
import type { MessageParams } from '../../shared/i18n/messageFormat.js';
import type { CliCommand } from './cliMain.js';
import { readTextFile } from './readTextFile.js';


/** Offline analysis of a PPG CSV or an RR text file (contract: see README). */
export const analyzeCommand: CliCommand = {
  options: {
    fs: { type: 'string' },
    format: { type: 'string', default: 'auto' },
    json: { type: 'boolean', default: false },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw cliError('cli.expectedOneFile', { usage: usageOf('analyze') }, 2);
    const file = positionals[0]!;
    const format = String(values.format);
    if (!['auto', 'ppg-csv', 'rr'].includes(format)) throw cliError('analyze.format', { got: format }, 2);
    let fsHz: number | undefined;
    if (values.fs !== undefined) {
      fsHz = Number(values.fs);
      if (!(fsHz > 0) || !Number.isFinite(fsHz)) throw cliError('analyze.fs', { got: String(values.fs) }, 2);
    }
    const name = showText(file, 200);
    const text = await readTextFile(file);
    if (text.trim() === '') throw cliError('analyze.empty', { file: name });
    const kind = format === 'auto' ? detectRecordingFormat(text, basename(file)) : format;
    let result: AnalysisResult;
    /** What the reader assumed, repaired or left out, in `locale` (the English lines stay the `--json` warnings). */
    let notes: (locale: Locale) => readonly string[];
    if (kind === 'rr') {
      const rr = parseRrText(text);
      if ('error' in rr) {
        const hintIn = (l: Locale): string => (rr.ppg && format === 'rr' ? cliText(l, 'analyze.rrAsPpg') : '');
        throw new CliError(`${name}: ${rr.error}${hintIn('en')}`, 1, { render: (l) => `${name}: ${rr.code ? errorText(l, { code: rr.code, params: rr.params ?? {}, message: rr.error }) : rr.error}${hintIn(l)}` });
      }
      notes = (l) => rr.notes.map((n) => errorText(l, { ...n, message: '' }));
      result = analyzeIntervals(rr.ibiMs);
      result.settings = { ...result.settings, file: { format: rr.format, unit: rr.unit, warnings: rr.warnings } };
    } else {
      const rec = parsePpgCsv(text, fsHz === undefined ? {} : { fsHz });
      if ('error' in rec) throw new CliError(`${name}: ${rec.error}`, 1, { render: (l) => `${name}: ${errorText(l, { ...rec, message: rec.error })}` });
      notes = (l) => rec.notes.map((n) => errorText(l, { ...n, message: '' }));
      result = analyzePpg(rec.values, rec.fsHz);
      result.settings = {
        ...result.settings,
        file: { column: rec.column, timeColumn: rec.timeColumn, missingSamples: rec.nanCount, warnings: rec.warnings },
      };
    }
    if (values.json) {
      // No text in the user's language here: the catalogues are not even compiled for `--json`.
      process.stdout.write(safeJson(analysisJson(result)) + '\n');
      return 0;
    }
    const locale = cliLocale();
    const noteLabel = cliText(locale, 'analyze.note');
    process.stdout.write(formatSummary(name, result, locale) + notes(locale).map((w) => cliLine(noteLabel, showText(w, 300)) + '\n').join(''));
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

/** The human-readable summary printed without --json (a withheld figure shows why), in `locale`. */
export function formatSummary(file: string, r: AnalysisResult, locale: Locale = 'en'): string {
  const h = r.hrv;
  const w = r.hrvWithheld ?? {};
  const t = (key: CliTextKey, params?: MessageParams): string => cliText(locale, key, params);
  const fmt = (x: number | null | undefined, d = 1): string => cliNum(locale, x, d);
  /** A figure with its unit, or why it is withheld. */
  const val = (key: HrvMetricKey, d: number, unit: string): string => {
    const reason = w[key];
    return reason ? t('analyze.withheld', { reason: withheldReasonText(reason, locale) }) : `${fmt(h[key], d)}${unit}`;
  };
  const pct = coherenceTimeInLevel(r).pct;
  const lines = [
    t('analyze.title', { file }),
    cliLine(t('analyze.duration'), t('analyze.durationValue', { sec: fmt(r.durationSec), fs: r.fsHz ? fmt(r.fsHz, 0) : 'none' })),
    cliLine(
      t('analyze.beats'),
      t('analyze.beatsValue', { detected: String(r.beats.tSec.length), nn: String(r.nn.ibiMs.length), corrected: String(r.artifacts.corrected), pct: fmt(r.artifacts.percent) }),
    ),
  ];
  if (r.signal) {
    lines.push(cliLine(t('analyze.unusable'), t('analyze.unusableValue', { sec: fmt(r.signal.unusableSec), pct: fmt(r.signal.unusablePct), count: r.signal.gaps.length })));
  }
  const noise = r.signal?.timingNoiseMs;
  lines.push(
    cliLine(t('analyze.heartRate'), `${val('meanHrBpm', 1, ' bpm')} (${t('analyze.meanNn', { value: val('meanNnMs', 1, ' ms') })})`),
    cliLine('SDNN', val('sdnnMs', 1, ' ms')),
    cliLine('RMSSD', `${val('rmssdMs', 1, ' ms')}; pNN50 ${val('pnn50Pct', 1, ' %')}`),
    cliLine('VLF / LF / HF', `${val('vlfMs2', 0, ' ms²')} / ${val('lfMs2', 0, ' ms²')} / ${val('hfMs2', 0, ' ms²')}; LF/HF ${val('lfHf', 2, '')}`),
    cliLine(t('analyze.peaks'), `LF ${val('lfPeakHz', 3, ' Hz')}, HF ${val('hfPeakHz', 3, ' Hz')}`),
    cliLine(t('analyze.timingNoise'), noise === null || noise === undefined ? '—' : t('analyze.perBeat', { ms: fmt(noise, 1) })),
    cliLine(
      t('analyze.coherence'),
      t('analyze.coherenceValue', {
        mean: fmt(r.coherence.ratioMean, 2),
        points: String(r.coherence.series.length),
        low: fmt(pct.low, 0),
        medium: fmt(pct.medium, 0),
        high: fmt(pct.high, 0),
        notScored: fmt(pct.notScored, 0),
      }),
    ),
    cliLine(t('analyze.breathing'), t('analyze.breathingValue', { rate: fmt(r.respiration.rateBpmMean) })),
  );
  return lines.join('\n') + '\n';
}
