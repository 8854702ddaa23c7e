/**
 * `sessionSettingsRows` — the "analysis settings" table of the session report: per step of the
 * analysis a short description and the technical description of the method, both in the report's
 * language and built from the numeric settings the analysis returned (technicalTexts.ts).
 */
import { COHERENCE_SETTINGS, DEFAULT_COHERENCE_SETTINGS } from '../dsp/coherence.js';
import { DEFAULT_HRV_FREQUENCY_SETTINGS } from '../dsp/hrvFrequency.js';
import { DEFAULT_NN_FIDUCIAL } from '../dsp/nnFiducial.js';
import type { AnalysisResult } from '../dsp/types.js';
import type { Cell } from './reportHtml.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportMessages } from './reportMessages.js';
import { numOr, obj, pair, technicalTexts } from './technicalTexts.js';

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

export function sessionSettingsRows(method: 'analyzePpg' | 'analyzeIntervals', r: AnalysisResult, fmt: ReportFormat, m: ReportMessages): Cell[][] {
  const s = r.settings;
  const tt = technicalTexts(fmt);
  const small = (text: string): Cell => ({ text, cls: 'small' });
  const rows: Cell[][] = [];
  rows.push([
    m.settingAnalysis,
    method === 'analyzePpg' && r.fsHz ? m.settingAnalysisPpg(fmt.numShort(r.fsHz, 1)) : m.settingAnalysisIntervals,
    small(tt.text(method === 'analyzePpg' ? 'inputPpg' : 'inputIntervals')),
  ]);
  const bd = s.beatDetection;
  if (typeof bd === 'string') rows.push([m.settingBeatDetection, m.settingAnalysisIntervals, small(tt.beatsFromIntervals(bd))]);
  else if (bd !== undefined) {
    const b = obj(bd);
    rows.push([m.settingBeatDetection, m.settingBeatDetectionPpg(fmt.numShort(numOr(b.lookAheadSec, NaN), 2)), small(tt.beatDetectionPpg(b))]);
  }
  const fid = obj(s.nnFiducial);
  if (fid.used && method === 'analyzePpg') rows.push([m.settingFiducialLabel, m.settingFiducial(m.fiducials[str(fid.used)] ?? str(fid.used)), small(tt.fiducialRule(DEFAULT_NN_FIDUCIAL.windowBeats, DEFAULT_NN_FIDUCIAL.switchRatio, DEFAULT_NN_FIDUCIAL.minDiffs))]);
  const ac = obj(s.artifactCorrection);
  if (ac.method) rows.push([m.settingArtifacts, m.settingArtifactsText(fmt.numShort(r.artifacts.corrected, 0), r.artifacts.corrected), small(tt.text('artifacts'))]);
  if (s.hrvTime) rows.push([m.settingTimeDomain, m.settingTimeDomainText, small(tt.text('timeDomain'))]);
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
    small(tt.frequency(f, { ...d }, str(f.method))),
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
    small(tt.coherence(c, DEFAULT_COHERENCE_SETTINGS, { mediumFrom: numOr(lv.mediumFrom, cd.levels.mediumFrom), highFrom: numOr(lv.highFrom, cd.levels.highFrom) })),
  ]);
  const rs = obj(s.respiration);
  if (rs.method) {
    rows.push([
      m.settingRespirationLabel,
      m.settingRespiration(fmt.numShort(numOr(rs.windowSec, 60), 0), fmt.range(...pair(rs.bandHz, [0.05, 0.5]))),
      small(tt.respiration(rs, rs.sources)),
    ]);
  }
  return rows;
}
