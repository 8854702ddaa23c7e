/**
 * `sessionSettingsRows` — the "analysis settings" table of the session report: per step of the
 * analysis a short description in the report's language (built from the numeric settings the
 * analysis returned) and the analysis' own technical description (English, verbatim).
 */
import { COHERENCE_SETTINGS } from '../dsp/coherence.js';
import { DEFAULT_HRV_FREQUENCY_SETTINGS } from '../dsp/hrvFrequency.js';
import type { AnalysisResult } from '../dsp/types.js';
import type { Cell } from './reportHtml.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';

type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : {});
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
const numOr = (x: unknown, d: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : d);
const pair = (x: unknown, d: readonly [number, number]): [number, number] =>
  Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === 'number') ? [x[0] as number, x[1] as number] : [d[0], d[1]];

export function sessionSettingsRows(method: 'analyzePpg' | 'analyzeIntervals', r: AnalysisResult, fmt: ReportFormat, m: ReportMessages): Cell[][] {
  const s = r.settings;
  // The analysis' own method description: verbatim English, marked as such (lang="en") in a Dutch report.
  const small = (text: string): Cell => ({ text, cls: 'small', lang: 'en' });
  const rows: Cell[][] = [];
  rows.push([
    m.settingAnalysis,
    method === 'analyzePpg' && r.fsHz ? m.settingAnalysisPpg(fmt.numShort(r.fsHz, 1)) : m.settingAnalysisIntervals,
    small(method === 'analyzePpg' ? 'analyzePpg (shared/dsp)' : 'analyzeIntervals → analyzeBeats (shared/dsp)'),
  ]);
  const bd = s.beatDetection;
  if (typeof bd === 'string') rows.push([m.settingBeatDetection, m.settingAnalysisIntervals, small(bd)]);
  else if (bd !== undefined) {
    const b = obj(bd);
    rows.push([m.settingBeatDetection, m.settingBeatDetectionPpg(fmt.numShort(numOr(b.lookAheadSec, NaN), 2)), small(str(b.method))]);
  }
  const fid = obj(s.nnFiducial);
  if (fid.used && method === 'analyzePpg') rows.push([m.settingFiducialLabel, m.settingFiducial(m.fiducials[str(fid.used)] ?? str(fid.used)), small(str(fid.rule))]);
  const ac = obj(s.artifactCorrection);
  if (ac.method) rows.push([m.settingArtifacts, m.settingArtifactsText(fmt.numShort(r.artifacts.corrected, 0), r.artifacts.corrected), small(str(ac.method))]);
  if (s.hrvTime) rows.push([m.settingTimeDomain, m.settingTimeDomainText, small(str(s.hrvTime))]);
  const f = obj(s.hrvFrequency);
  const d = DEFAULT_HRV_FREQUENCY_SETTINGS;
  rows.push([
    m.settingFrequencyLabel,
    m.settingFrequency(
      fmt.numShort(numOr(f.fsHz, d.fsHz), 1),
      fmt.numShort(numOr(f.segmentSec, d.segmentSec), 0),
      fmt.range(...pair(f.vlfHz, d.vlfHz)),
      fmt.range(...pair(f.lfHz, d.lfHz)),
      fmt.range(...pair(f.hfHz, d.hfHz)),
    ),
    small(str(f.method)),
  ]);
  const c = obj(s.coherence);
  const cd = COHERENCE_SETTINGS;
  const lv = obj(c.levels);
  rows.push([
    m.settingCoherenceLabel,
    m.settingCoherence(
      fmt.numShort(numOr(c.windowSec, cd.windowSec), 0),
      fmt.numShort(numOr(c.fsHz, cd.fsHz), 1),
      fmt.range(...pair(c.peakSearchHz, cd.peakSearchHz)),
      fmt.numShort(numOr(c.peakWidthHz, cd.peakWidthHz), 3),
      fmt.range(...pair(c.totalBandHz, cd.totalBandHz)),
      fmt.numShort(numOr(lv.mediumFrom, cd.levels.mediumFrom), 2),
      fmt.numShort(numOr(lv.highFrom, cd.levels.highFrom), 2),
    ),
    small(str(c.method)),
  ]);
  const rs = obj(s.respiration);
  if (rs.method) {
    rows.push([
      m.settingRespirationLabel,
      m.settingRespiration(fmt.numShort(numOr(rs.windowSec, 60), 0), fmt.range(...pair(rs.bandHz, [0.05, 0.5]))),
      small(`${str(rs.method)}${Array.isArray(rs.sources) ? ` [${rs.sources.join(', ')}]` : ''}`),
    ]);
  }
  return rows;
}
