/**
 * `technicalText` — the report appendix's technical column in the report's language: the method of
 * each analysis step, written from the numeric settings the analysis returned (AnalysisResult
 * .settings, the same numbers shared/dsp's English `describe…` strings are built from) through the
 * catalogue technicalTexts.{nl,en}.ts. A setting the report does not know is shown as the analysis
 * wrote it.
 */
import { coherenceSpectrumSettings, type CoherenceSettings } from '../dsp/coherence.js';
import { fftLength } from '../dsp/nnSpectrum.js';
import { createTranslator, type MessageParams } from '../i18n/messageFormat.js';
import type { ReportFormat } from './reportFormat.js';
import { technicalTextsEn } from './technicalTexts.en.js';
import { technicalTextsNl, type TechnicalTextKey } from './technicalTexts.nl.js';

export type { TechnicalTextKey };
const translate = createTranslator<TechnicalTextKey>({ nl: technicalTextsNl, en: technicalTextsEn });

type Obj = Record<string, unknown>;
export const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
export const numOr = (x: unknown, d: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : d);
export const pair = (x: unknown, d: readonly [number, number]): [number, number] =>
  Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number') ? [x[0] as number, x[1] as number] : [d[0], d[1]];
const triple = (x: unknown): number[] | null => (Array.isArray(x) && x.every((v) => typeof v === 'number') ? (x as number[]) : null);

/** Beat detection strings of interval input (shared/dsp/analyzeIntervals.ts) and their keys. */
const FROM_INTERVALS: Readonly<Record<string, TechnicalTextKey>> = {
  'none: intervals read from the file': 'beatsFromFile',
  'none: beats reported by the sensor': 'beatsFromSensor',
};

/** Modalities the breathing-rate analysis lists as used (shared/dsp/respiration.ts) and their keys. */
const SOURCES: Readonly<Record<string, TechnicalTextKey>> = {
  'heart rate (RSA)': 'source.hr',
  'pulse amplitude (RIAV)': 'source.amplitude',
  'pulse level (RIIV)': 'source.baseline',
};

export interface TechnicalTexts {
  text(key: TechnicalTextKey, params?: MessageParams): string;
  /** Interval input's beat detection (a string setting), translated when known. */
  beatsFromIntervals(setting: string): string;
  beatDetectionPpg(b: Obj): string;
  fiducialRule(windowBeats: number, switchRatio: number, minDiffs: number): string;
  frequency(f: Obj, d: Obj, method: string): string;
  coherence(c: Obj, d: Readonly<CoherenceSettings>, levels: { mediumFrom: number; highFrom: number }): string;
  respiration(r: Obj, sources: unknown): string;
}

export function technicalTexts(fmt: ReportFormat): TechnicalTexts {
  const lang = fmt.lang;
  const t = (key: TechnicalTextKey, params?: MessageParams): string => translate(lang, key, params);
  const n = (x: unknown, d: number, digits = 4): string => fmt.numShort(numOr(x, d), digits);
  const pct = (x: unknown, d: number): string => fmt.pct(Math.round(numOr(x, d) * 100), 0);
  const range = (x: unknown, d: readonly [number, number]): string => fmt.range(...pair(x, d));
  const detrend = (s: Obj): string => t('detrend', { method: typeof s.detrend === 'string' ? s.detrend : 'none', lambda: n(s.lambda, 0) });
  const spectrum = (s: Obj, nfft: number): string =>
    t('spectrum', {
      fs: n(s.fsHz, 4),
      detrend: detrend(s),
      clip: numOr(s.clipMad, 0) > 0 ? n(s.clipMad, 0) : 'none',
      nfft: fmt.numShort(nfft, 0),
      welch: typeof s.welchSegmentSec === 'number' ? n(s.welchSegmentSec, 0) : 'none',
      overlap: pct(s.welchOverlap, 0),
    });
  return {
    text: t,
    beatsFromIntervals: (setting) => (Object.hasOwn(FROM_INTERVALS, setting) ? t(FROM_INTERVALS[setting]!) : setting),
    beatDetectionPpg: (b) =>
      t('beatDetectionPpg', {
        // −3 dB points of the cleaning filters (shared/dsp/ppgClean.ts): 0.574 / baseline box, 0.265 / low-pass box.
        lo: fmt.numShort(0.574 / numOr(b.baselineBoxSec, 0.72), 1),
        hi: fmt.numShort(0.265 / numOr(b.lowPassBoxSec, 0.0589), 1),
        baseline: n(b.baselineBoxSec, 0.72, 2),
      }),
    fiducialRule: (windowBeats, switchRatio, minDiffs) =>
      t('fiducialRule', { beats: fmt.numShort(windowBeats, 0), ratio: fmt.numShort(switchRatio, 2), diffs: fmt.numShort(minDiffs, 0) }),
    frequency: (f, d, method) => {
      // The FFT length depends on the record's length; the analysis wrote it only into its method string.
      const nfft = /FFT (\d+) points/.exec(method)?.[1];
      return t('frequency', {
        fs: n(f.fsHz, numOr(d.fsHz, 4)),
        detrend: detrend({ ...d, ...f }),
        seg: n(f.segmentSec, numOr(d.segmentSec, 0), 0),
        overlap: pct(f.overlap, numOr(d.overlap, 0)),
        nfft: nfft ? fmt.numShort(Number(nfft), 0) : '—',
        vlf: range(f.vlfHz, pair(d.vlfHz, [0, 0.04])),
        lf: range(f.lfHz, pair(d.lfHz, [0.04, 0.15])),
        hf: range(f.hfHz, pair(d.hfHz, [0.15, 0.4])),
        maxGap: n(f.maxGapSec, numOr(d.maxGapSec, 0), 1),
        coverage: pct(f.minCoverage, numOr(d.minCoverage, 0)),
      });
    },
    coherence: (c, d, levels) => {
      const s = { ...d, ...c } as unknown as CoherenceSettings;
      const sp = coherenceSpectrumSettings(s);
      return t('coherence', {
        win: n(s.windowSec, 64, 0),
        spectrum: spectrum(sp as unknown as Obj, fftLength(sp, numOr(s.windowSec, 64))),
        search: range(s.peakSearchHz, [0.04, 0.26]),
        width: n(s.peakWidthHz, 0.03, 3),
        total: range(s.totalBandHz, [0.0033, 0.4]),
        medium: fmt.numShort(levels.mediumFrom, 2),
        high: fmt.numShort(levels.highFrom, 2),
        coverage: pct(s.minCoverage, 0),
        maxGap: n(s.maxGapSec, 0, 1),
      });
    },
    respiration: (r, sources) => {
      const w = obj(r.weights);
      const sp = obj(r.spectrum);
      const list = Array.isArray(sources) ? sources.filter((x): x is string => typeof x === 'string') : [];
      const text = t('respiration', {
        weights: [w.hr, w.amplitude, w.baseline].map((x) => n(x, NaN, 2)).join('/'),
        band: range(r.bandHz, [0.05, 0.7]),
        beatFraction: n(r.maxBeatFraction, 0.45, 2),
        win: n(r.windowSec, 60, 0),
        spectrum: spectrum(sp, fftLength({ fsHz: numOr(sp.fsHz, 4), nfft: numOr(sp.nfft, 512) }, 0)),
        coverage: pct(r.minCoverage, 0),
        maxGap: n(r.maxGapSec, 0, 1),
        confidence: (triple(r.minConfidence) ?? []).map((x) => fmt.numShort(x, 2)).join('/'),
        halfWidth: n(r.peakHalfWidthHz, 0, 3),
        prominence: (triple(r.minProminence) ?? []).map((x) => fmt.numShort(x, 2)).join('/'),
      });
      if (list.length === 0) return text;
      const names = list.map((s) => (Object.hasOwn(SOURCES, s) ? t(SOURCES[s]!) : s));
      return `${text}; ${t('sources', { list: names.join(', ') })}`;
    },
  };
}
