/** Scores per moment: one table per questionnaire, scales × moments, with the range and the change since the first. */
import type { Instrument, QuestionnaireEntry } from '../../../shared/domain/types.js';
import { INSTRUMENTS } from '../../../shared/domain/types.js';
import { QUESTIONNAIRE_SCALES } from '../../../shared/domain/validateQuestionnaire.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { instrumentText, momentText, scaleText } from './recordLabels.js';

export function QuestionnaireTables({ entries }: { entries: QuestionnaireEntry[] }) {
  const { t } = useT();
  const used = INSTRUMENTS.filter((i) => entries.some((e) => e.instrument === i));
  return (
    <Card title={t('rec.q.history')} testId="questionnaire-history">
      {used.length === 0 && <p className="muted">{t('rec.q.none')}</p>}
      {used.map((i) => (
        <InstrumentTable key={i} instrument={i} entries={entries.filter((e) => e.instrument === i)} />
      ))}
    </Card>
  );
}

function InstrumentTable({ instrument, entries }: { instrument: Instrument; entries: QuestionnaireEntry[] }) {
  const { t, fmt } = useT();
  const sorted = [...entries].sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
  const score = (e: QuestionnaireEntry, key: string): number => (e.scores as unknown as Record<string, number>)[key]!;
  return (
    <div className="rec-qtable">
      <h3>{instrumentText(instrument, t)}</h3>
      <table className="table rec-table" data-testid={`q-table-${instrument}`}>
        <thead>
          <tr>
            <th>{t('rec.q.scale')}</th>
            <th className="num">{t('rec.q.rangeCol')}</th>
            {sorted.map((e) => (
              <th key={e.id} className="num">
                {momentText(e.moment, t)}
                <span className="rec-th-sub">{fmt.date(e.date)}</span>
              </th>
            ))}
            {sorted.length > 1 && <th className="num">{t('rec.q.change')}</th>}
          </tr>
        </thead>
        <tbody>
          {QUESTIONNAIRE_SCALES[instrument].map((sc) => {
            const key = String(sc.key);
            const delta = sorted.length > 1 ? score(sorted[sorted.length - 1]!, key) - score(sorted[0]!, key) : 0;
            return (
              <tr key={key}>
                <td>{scaleText(instrument, key, t)}</td>
                <td className="num muted">{t('rec.q.range', { min: sc.min, max: sc.max })}</td>
                {sorted.map((e) => (
                  <td key={e.id} className="num" data-testid="q-value">
                    {fmt.num(score(e, key), 0)}
                  </td>
                ))}
                {sorted.length > 1 && (
                  <td className={`num ${delta < 0 ? 'tone-ok' : delta > 0 ? 'tone-warn' : 'muted'}`}>
                    {delta > 0 ? '+' : delta < 0 ? '−' : '±'}
                    {fmt.num(Math.abs(delta), 0)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
