/**
 * Home practice log: per week (newest first) and day, the home sessions done against the
 * prescription in force that day (`buildPracticeLog`): "done/prescribed" sessions and the minutes.
 */
import { useEffect, useState } from 'react';
import { buildPracticeLog, type PracticeDay, type PracticeWeek } from '../../../shared/domain/practiceLog.js';
import { localIsoDate } from '../../../shared/domain/dates.js';
import type { Prescription } from '../../../shared/domain/prescription.js';
import type { SessionListItem } from '../../../shared/domain/types.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';

/** Short weekday names Monday … Sunday in the UI's language. */
function weekdays(locale: string, monday: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const ms = Date.parse(monday + 'T00:00:00Z');
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(ms + i * 86_400_000)));
}

function dayState(d: PracticeDay): string {
  if (d.future || !d.target) return '';
  return d.sessions >= d.target.timesPerDay ? 'practice-ok' : 'practice-short';
}

export function PracticeLogCard({ clientId, sessions }: { clientId: number; sessions: SessionListItem[] }) {
  const { t, fmt, locale } = useT();
  const [prescriptions, setPrescriptions] = useState<Prescription[] | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .listPrescriptions(clientId)
      .then((p) => live && setPrescriptions(p), showError);
    return () => {
      live = false;
    };
  }, [clientId, sessions]);

  const now = new Date();
  const weeks: PracticeWeek[] = prescriptions ? buildPracticeLog(sessions, prescriptions, now) : [];
  const today = localIsoDate(now);
  const current = weeks[0]?.days.find((d) => d.date === today)?.target ?? null;
  const min = (v: number): string => fmt.num(v, Number.isInteger(v) ? 0 : 1);

  return (
    <Card title={t('rec.practice.title')} testId="practice-log">
      {prescriptions === null ? null : weeks.length === 0 ? (
        <p className="muted">{t('rec.practice.empty')}</p>
      ) : (
        <>
          <p className="small muted">{t('rec.practice.hint')}</p>
          {current && <p className="small" data-testid="practice-current">{t('rec.practice.now', { times: current.timesPerDay, minutes: min(current.minutes) })}</p>}
          <table className="table rec-table practice-table">
            <thead>
              <tr>
                <th>{t('rec.practice.week')}</th>
                {weekdays(locale, weeks[0]!.start).map((d) => (
                  <th key={d} className="num">
                    {d}
                  </th>
                ))}
                <th className="num">{t('rec.practice.total')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.start} data-testid="practice-week" data-week={w.start}>
                  <td>{fmt.date(w.start)}</td>
                  {w.days.map((d) => (
                    <td key={d.date} className={`num ${dayState(d)}`} data-testid="practice-day" data-date={d.date}>
                      {d.future ? '' : d.target ? `${d.sessions}/${d.target.timesPerDay}` : String(d.sessions)}
                      {!d.future && d.sessions > 0 && <div className="small muted">{t('rec.practice.dayMinutes', { min: min(d.minutes) })}</div>}
                    </td>
                  ))}
                  <td className="num small" data-testid="practice-week-total">
                    {w.targetSessions > 0
                      ? t('rec.practice.weekTotal', { done: w.sessions, asked: w.targetSessions, min: min(w.minutes), askedMin: min(w.targetMinutes) })
                      : t('rec.practice.weekDone', { done: w.sessions, min: min(w.minutes) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
