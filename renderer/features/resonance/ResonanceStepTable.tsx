/**
 * The step-by-step table of the stepped protocol: one row per step in run order, filled in as
 * each step's analysis comes in (rate, HR peak-to-trough ± SD, HR phase lag and synchrony, LF
 * power and peak, number of LF peaks, smoothness, the breathing rate read from HR, corrected
 * beats, and — once ranked — score and rank; the recommended step highlighted). Steps still to
 * come show what is happening to them. Used live and for a stored assessment.
 */
import type { ResonanceAssessment, ResonanceStepResult } from '../../../shared/dsp/resonance/types.js';
import { useT, type StringKey } from '../../app/i18n.js';

export type PendingState = 'waiting' | 'now' | 'analysing' | 'skipped';

export interface StepTableProps {
  /** The rates of all steps, in run order. */
  ratesBpm: readonly number[];
  assessment: ResonanceAssessment | null;
  /** What a step without a result is doing (default 'waiting'). */
  pending?: (index: number) => PendingState;
  /** Show score and rank (once the assessment is final). */
  ranked: boolean;
}

const COLS: StringKey[] = [
  'resonance.col.pt',
  'resonance.col.lag',
  'resonance.col.sync',
  'resonance.col.lf',
  'resonance.col.lfPeak',
  'resonance.col.peaks',
  'resonance.col.smooth',
  'resonance.col.rsa',
  'resonance.col.corrected',
];

/** The unit under each column's title (LF in ms², peak–trough in bpm …); none for counts and ranks. */
const UNITS: Partial<Record<StringKey, StringKey>> = {
  'resonance.col.rate': 'resonance.unit.perMin',
  'resonance.col.pt': 'resonance.unit.bpm',
  'resonance.col.lag': 'resonance.unit.deg',
  'resonance.col.sync': 'resonance.unit.sync',
  'resonance.col.lf': 'resonance.unit.ms2',
  'resonance.col.lfPeak': 'resonance.unit.ms2',
  'resonance.col.smooth': 'resonance.unit.pct',
  'resonance.col.rsa': 'resonance.unit.perMin',
  'resonance.col.corrected': 'resonance.unit.pct',
  'resonance.col.score': 'resonance.unit.score',
};

export function ResonanceStepTable({ ratesBpm, assessment, pending, ranked }: StepTableProps) {
  const { t, fmt } = useT();
  const byIndex = new Map<number, ResonanceStepResult>((assessment?.steps ?? []).map((s) => [s.index, s]));
  const rank = new Map((assessment?.recommendation.ranking ?? []).map((r) => [r.stepIndex, r]));
  const best = ranked ? assessment?.recommendation.ranking[0] : undefined;
  const bestIndex = best && assessment?.recommendation.rateBpm !== null ? best.stepIndex : -1;
  const cols = ranked ? [...COLS, 'resonance.col.score' as const, 'resonance.col.rank' as const] : COLS;

  return (
    <table className="table res-table" data-testid="resonance-table">
      <thead>
        <tr>
          <th>
            {t('resonance.col.rate')}
            <span className="unit">{t('resonance.unit.perMin')}</span>
          </th>
          {cols.map((c) => {
            const unit = UNITS[c];
            return (
              <th key={c} className="num" data-unit={unit ? t(unit) : undefined}>
                {t(c)}
                {unit && <span className="unit">{t(unit)}</span>}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {ratesBpm.map((rate, i) => {
          const s = byIndex.get(i);
          if (!s) {
            const state = pending?.(i) ?? 'waiting';
            return (
              <tr key={i} data-testid="resonance-row" data-state={state} className={`res-row-${state}`}>
                <td className="res-rate">{fmt.num(rate, 1)}</td>
                <td colSpan={cols.length} className="muted small">
                  {t(`resonance.row.${state}`)}
                </td>
              </tr>
            );
          }
          const r = rank.get(i);
          const pt = s.peakToTroughBpm === null ? '–' : `${fmt.num(s.peakToTroughBpm, 1)} ± ${fmt.num(s.peakToTroughSdBpm, 1)}`;
          return (
            <tr key={i} data-testid="resonance-row" data-state="done" data-rate={rate} className={i === bestIndex ? 'res-best' : ''}>
              <td className="res-rate">
                {fmt.num(rate, 1)}
                {!s.reliable && <span className="badge badge-bad res-flag">{t('resonance.row.unreliable')}</span>}
                {s.reliable && !s.onPace && <span className="badge badge-warn res-flag">{t('resonance.row.offPace')}</span>}
              </td>
              <td className="num">{pt}</td>
              <td className="num">{fmt.num(s.hrLagDeg, 0)}</td>
              <td className="num">{fmt.num(s.synchrony, 2)}</td>
              <td className="num">{fmt.num(s.lfPowerMs2, 0)}</td>
              <td className="num">{fmt.num(s.lfPeakPowerMs2, 0)}</td>
              <td className="num">{fmt.num(s.lfPeakCount, 0)}</td>
              <td className="num">{s.smoothness === null ? '–' : fmt.num(s.smoothness * 100, 0)}</td>
              <td className="num">{fmt.num(s.rsaRateBpm, 1)}</td>
              <td className="num">{fmt.num(s.correctedPct, 1)}</td>
              {ranked && <td className="num">{fmt.num(r?.score, 0)}</td>}
              {ranked && <td className="num">{r ? r.rank : '–'}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
