/**
 * Scores per moment: one table per questionnaire, scales × moments, with the range, the published
 * cut-off (elevated scores marked), the change since the first moment, and per result the buttons
 * to correct it or delete it (after a confirmation; the core keeps the old version in its history).
 */
import type { Instrument, QuestionnaireEntry } from '../../../shared/domain/types.js';
import { INSTRUMENTS } from '../../../shared/domain/types.js';
import { cutoffLevel, cutoffText } from '../../../shared/domain/questionnaireCutoffs.js';
import { QUESTIONNAIRE_SCALES } from '../../../shared/domain/validateQuestionnaire.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { instrumentText, momentText, scaleText } from './recordLabels.js';
import { ConfirmDelete } from './recordUi.js';

export interface QuestionnaireTablesProps {
  entries: QuestionnaireEntry[];
  /** Open a stored result in the form for correction. */
  onEdit?: (e: QuestionnaireEntry) => void;
  /** After a delete. */
  onDeleted?: (e: QuestionnaireEntry) => Promise<void> | void;
}

export function QuestionnaireTables({ entries, onEdit, onDeleted }: QuestionnaireTablesProps) {
  const { t } = useT();
  const used = INSTRUMENTS.filter((i) => entries.some((e) => e.instrument === i));
  return (
    <Card title={t('rec.q.history')} testId="questionnaire-history">
      {used.length === 0 && <p className="muted">{t('rec.q.none')}</p>}
      {used.map((i) => (
        <InstrumentTable key={i} instrument={i} entries={entries.filter((e) => e.instrument === i)} onEdit={onEdit} onDeleted={onDeleted} />
      ))}
      {used.length > 0 && <p className="small muted">{t('rec.q.cutoffNote')}</p>}
    </Card>
  );
}

function InstrumentTable({ instrument, entries, onEdit, onDeleted }: { instrument: Instrument } & QuestionnaireTablesProps) {
  const { t, fmt } = useT();
  const sorted = [...entries].sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
  const score = (e: QuestionnaireEntry, key: string): number => (e.scores as unknown as Record<string, number>)[key]!;
  const withCutoffs = QUESTIONNAIRE_SCALES[instrument].some((sc) => cutoffText(instrument, String(sc.key)) !== '');
  const remove = async (e: QuestionnaireEntry) => {
    await api().deleteQuestionnaire(e.id);
    await onDeleted?.(e);
  };
  return (
    <div className="rec-qtable">
      <h3>{instrumentText(instrument, t)}</h3>
      <table className="table rec-table" data-testid={`q-table-${instrument}`}>
        <thead>
          <tr>
            <th>{t('rec.q.scale')}</th>
            <th className="num">{t('rec.q.rangeCol')}</th>
            {withCutoffs && <th className="num">{t('rec.q.cutoffCol')}</th>}
            {sorted.map((e) => (
              <th key={e.id} className="num" data-testid="q-entry" data-entry-id={e.id}>
                {momentText(e.moment, t)}
                <span className="rec-th-sub">{fmt.date(e.date)}</span>
                {e.items && <span className="rec-th-sub">{t('rec.q.byItems')}</span>}
                {(onEdit || onDeleted) && (
                  <span className="rec-entry-actions">
                    {onEdit && (
                      <button type="button" className="btn small" onClick={() => onEdit(e)} data-testid="q-edit">
                        {t('rec.edit')}
                      </button>
                    )}
                    {onDeleted && <ConfirmDelete onDelete={() => remove(e)} testId="q-delete" />}
                  </span>
                )}
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
                {withCutoffs && <td className="num muted">{cutoffText(instrument, key) || '–'}</td>}
                {sorted.map((e) => {
                  const v = score(e, key);
                  const level = cutoffLevel(instrument, key, v);
                  return (
                    <td key={e.id} className={`num ${level === 2 ? 'rec-q-strong' : level === 1 ? 'rec-q-elevated' : ''}`} data-testid="q-cell" data-scale={key} data-level={level ?? ''}>
                      <span data-testid="q-value">{fmt.num(v, 0)}</span>
                      {level ? <span className="rec-q-level">{t(level === 2 ? 'rec.q.stronglyElevated' : 'rec.q.elevated')}</span> : null}
                    </td>
                  );
                })}
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
