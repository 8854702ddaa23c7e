/**
 * Editing a run/walk programme: name, start date, notes and its weeks — one week at a time (chosen
 * above the blocks): sessions that week and its blocks (kind and minutes), blocks and weeks added
 * or removed. New from the template (`runProgrammeTemplate`) or by hand; saved with
 * `createRunProgramme` or, for a stored one, `updateRunProgramme` (a correction with history).
 * Checked in the page with the core's validators first (the same issue codes).
 */
import { useState, type FormEvent } from 'react';
import { PROGRAMME_BLOCK_KINDS, type ProgrammeBlockKind, type ProgrammeWeek, type RunProgramme } from '../../../shared/running/programme.js';
import { validateNewProgramme, validateProgrammePatch } from '../../../shared/running/validateProgramme.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Field } from '../../ui/Field.js';
import { DateInput } from '../../ui/DateInput.js';
import { FormIssues, useSave } from './recordUi.js';

interface BlockText {
  kind: ProgrammeBlockKind;
  min: string;
}
interface WeekText {
  perWeek: string;
  blocks: BlockText[];
}

export interface ProgrammeDraft {
  name: string;
  startDate: string;
  weeks: ProgrammeWeek[];
  notes: string;
}

const minText = (sec: number): string => String(Math.round((sec / 60) * 100) / 100);
const toText = (weeks: ProgrammeWeek[]): WeekText[] => weeks.map((w) => ({ perWeek: String(w.sessionsPerWeek), blocks: w.blocks.map((b) => ({ kind: b.kind, min: minText(b.sec) })) }));
/** A number typed with a dot or a comma; other text is passed on as typed, so the validator names it. */
const numberOf = (s: string): number => {
  const v = s.trim().replace(',', '.');
  return v !== '' && Number.isFinite(Number(v)) ? Number(v) : (s as unknown as number);
};
const fromText = (weeks: WeekText[]): ProgrammeWeek[] =>
  weeks.map((w) => ({
    sessionsPerWeek: numberOf(w.perWeek),
    blocks: w.blocks.map((b) => {
      const m = numberOf(b.min);
      return { kind: b.kind, sec: typeof m === 'number' ? Math.round(m * 60) : m };
    }),
  }));

export function ProgrammeEditor({
  clientId,
  draft,
  programme,
  onSaved,
  onCancel,
}: {
  clientId: number;
  draft: ProgrammeDraft;
  /** The stored programme being corrected (null: a new one). */
  programme: RunProgramme | null;
  onSaved: (p: RunProgramme) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useT();
  const [name, setName] = useState(draft.name);
  const [startDate, setStartDate] = useState(draft.startDate);
  const [notes, setNotes] = useState(draft.notes);
  const [weeks, setWeeks] = useState<WeekText[]>(() => toText(draft.weeks));
  const [sel, setSel] = useState(0);
  const s = useSave();
  const week = weeks[Math.min(sel, weeks.length - 1)]!;
  const wi = Math.min(sel, weeks.length - 1);

  const setWeek = (w: WeekText) => setWeeks((all) => all.map((x, i) => (i === wi ? w : x)));
  const setBlock = (j: number, b: Partial<BlockText>) => setWeek({ ...week, blocks: week.blocks.map((x, k) => (k === j ? { ...x, ...b } : x)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), startDate, weeks: fromText(weeks), notes };
    const local = programme ? validateProgrammePatch(body) : validateNewProgramme({ clientId, ...body });
    if (!local.ok) return s.setIssues(local.issues);
    const saved = await s.save(() => (programme ? api().updateRunProgramme(programme.id, body) : api().createRunProgramme({ clientId, ...body })));
    if (saved) await onSaved(saved);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="prog-editor">
      <div className="row2">
        <Field label={t('rec.prog.name')}>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="prog-name" />
        </Field>
        <Field label={t('rec.prog.start')}>
          <DateInput value={startDate} onChange={setStartDate} data-testid="prog-start" />
        </Field>
      </div>
      <div className="row2">
        <Field label={t('rec.prog.editWeek')}>
          <select value={wi} onChange={(e) => setSel(Number(e.target.value))} data-testid="prog-week">
            {weeks.map((_, i) => (
              <option key={i} value={i}>
                {t('rec.prog.week', { n: i + 1 })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('rec.prog.perWeek')}>
          <input type="text" inputMode="numeric" value={week.perWeek} onChange={(e) => setWeek({ ...week, perWeek: e.target.value })} data-testid="prog-per-week" />
        </Field>
      </div>
      <fieldset className="rec-blocks" data-testid="prog-blocks">
        <legend className="field-label">{t('rec.prog.week', { n: wi + 1 })}</legend>
        {week.blocks.map((b, j) => (
          <div className="prog-block" key={`${wi}-${j}`} data-testid="prog-block">
            <select value={b.kind} aria-label={t('rec.prog.blockKind')} onChange={(e) => setBlock(j, { kind: e.target.value as ProgrammeBlockKind })} data-testid="prog-block-kind">
              {PROGRAMME_BLOCK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`rec.prog.kind.${k}`)}
                </option>
              ))}
            </select>
            <input type="text" inputMode="decimal" size={5} value={b.min} aria-label={t('rec.prog.blockMin')} onChange={(e) => setBlock(j, { min: e.target.value })} data-testid="prog-block-min" />
            <span className="small muted">min</span>
            <button type="button" className="btn small" disabled={week.blocks.length <= 1} onClick={() => setWeek({ ...week, blocks: week.blocks.filter((_, k) => k !== j) })} data-testid="prog-block-remove">
              {t('rec.prog.removeBlock')}
            </button>
          </div>
        ))}
        <div className="buttons">
          <button type="button" className="btn small" onClick={() => setWeek({ ...week, blocks: [...week.blocks, { kind: 'run', min: '1' }] })} data-testid="prog-block-add">
            {t('rec.prog.addBlock')}
          </button>
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setWeeks((all) => [...all, { perWeek: all.at(-1)?.perWeek ?? '3', blocks: (all.at(-1)?.blocks ?? [{ kind: 'run', min: '1' }]).map((b) => ({ ...b })) }]);
              setSel(weeks.length);
            }}
            data-testid="prog-week-add"
          >
            {t('rec.prog.addWeek')}
          </button>
          <button type="button" className="btn small" disabled={weeks.length <= 1} onClick={() => setWeeks((all) => all.slice(0, -1))} data-testid="prog-week-remove">
            {t('rec.prog.removeWeek')}
          </button>
        </div>
      </fieldset>
      <Field label={t('rec.prog.notes')}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="prog-notes" />
      </Field>
      <FormIssues issues={s.issues} testId="prog-issues" />
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={s.busy} data-testid="prog-save">
          {t(programme ? 'rec.prog.saveChanges' : 'rec.prog.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="prog-cancel">
          {t('rec.prog.cancel')}
        </button>
      </div>
    </form>
  );
}
