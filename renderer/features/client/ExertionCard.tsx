/**
 * The perceived-versus-measured exertion card of the running tab: the charts (ExertionChart.tsx)
 * and the points per run. uPlot takes its axis titles once, so the charts are made anew when the
 * language changes (their `key`).
 */
import { useEffect, useState } from 'react';
import type { ExertionPoint } from '../../../shared/running/perceivedExertion.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { COURSE_COLORS, ExertionCourse, ExertionScatter, VERDICT_COLORS } from './ExertionChart.js';
import type { RecordData } from './useRecord.js';

export function ExertionCard({ data }: { data: RecordData }) {
  const { t, fmt, locale } = useT();
  const [points, setPoints] = useState<ExertionPoint[] | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .getRunExertion(data.clientId)
      .then((p) => live && setPoints(p), showError);
    return () => {
      live = false;
    };
  }, [data]);
  if (points === null) return null;
  const verdicts = { under: t('rec.exertion.under'), match: t('rec.exertion.match'), over: t('rec.exertion.over') };
  return (
    <Card title={t('rec.exertion.title')} testId="exertion-card">
      {points.length === 0 ? (
        <p className="muted" data-testid="exertion-none">
          {t('rec.exertion.none')}
        </p>
      ) : (
        <>
          <p className="small muted">{t('rec.exertion.hint')}</p>
          <div className="exertion-legend">
            {(Object.keys(verdicts) as (keyof typeof verdicts)[]).map((v) => (
              <span key={v}>
                <i style={{ background: VERDICT_COLORS[v] }} />
                {verdicts[v]}
              </span>
            ))}
          </div>
          <ExertionScatter key={`s-${locale}`} points={points} labels={{ hrr: t('rec.exertion.axisHrr'), borg: t('rec.exertion.axisBorg'), verdicts }} />
          <p className="field-label">{t('rec.exertion.courseTitle')}</p>
          <div className="exertion-legend">
            <span>
              <i style={{ background: COURSE_COLORS.hrr }} />
              {t('rec.exertion.axisHrr')}
            </span>
            <span>
              <i style={{ background: COURSE_COLORS.borg }} />
              {t('rec.exertion.axisBorg')}
            </span>
          </div>
          <ExertionCourse key={`c-${locale}`} points={points} labels={{ hrr: t('rec.exertion.axisHrr'), borg: t('rec.exertion.axisBorg') }} fmt={fmt} />
          <table className="table rec-table" data-testid="exertion-table">
            <thead>
              <tr>
                <th>{t('rec.exertion.col.date')}</th>
                <th className="num">{t('rec.exertion.col.borg')}</th>
                <th className="num">{t('rec.exertion.col.hr')}</th>
                <th className="num">{t('rec.exertion.col.hrr')}</th>
                <th>{t('rec.exertion.col.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={i} data-testid="exertion-row" data-verdict={p.verdict}>
                  <td>{fmt.date(p.date)}</td>
                  <td className="num">{fmt.num(p.borg, 0)}</td>
                  <td className="num">{fmt.num(p.hrBpm, 0)}</td>
                  <td className="num">{fmt.num(p.pctHrr, 0)}</td>
                  <td>{verdicts[p.verdict]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
