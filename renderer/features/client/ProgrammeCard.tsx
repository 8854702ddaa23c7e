/**
 * The client's run/walk programme on the running tab: where they are in it and what is next
 * (`getRunProgrammeStatus`: weeks planned and done, the longest run planned and done, the next
 * session's blocks), the printable week schedule (report kind 'runSchedule', A4 PDF, in the
 * language chosen for the client), editing and deleting it; without one, a new programme from the
 * template or written by hand (ProgrammeEditor).
 */
import { useEffect, useState } from 'react';
import type { Locale } from '../../../shared/ipc/apiTypes.js';
import type { ProgrammeStatus } from '../../../shared/running/programmeProgress.js';
import type { RunProgramme } from '../../../shared/running/programme.js';
import { sessionWords } from '../../../shared/report/runSchedule.js';
import { runScheduleMessages } from '../../../shared/report/runScheduleTexts.js';
import { api } from '../../app/api.js';
import { useT, type Fmt } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { saveDownload } from './download.js';
import { ProgrammeEditor, type ProgrammeDraft } from './ProgrammeEditor.js';
import { todayIso } from './recordDates.js';
import { ConfirmDelete, Notice } from './recordUi.js';
import type { RecordData } from './useRecord.js';

type Status = ProgrammeStatus & { programme: RunProgramme };
const LANG_NAMES: Record<Locale, string> = { nl: 'Nederlands', en: 'English' };

const minutes = (fmt: Fmt, sec: number | null): string => (sec === null ? '–' : `${fmt.num(sec / 60, sec % 60 ? 1 : 0)} min`);

export function ProgrammeCard({ data }: { data: RecordData }) {
  const { t, locale } = useT();
  const [status, setStatus] = useState<Status | null | undefined>(undefined);
  const [draft, setDraft] = useState<{ d: ProgrammeDraft; programme: RunProgramme | null } | null>(null);
  const [saved, setSaved] = useState(false);
  const clientId = data.clientId;

  const load = async () => {
    try {
      setStatus(await api().getRunProgrammeStatus(clientId));
    } catch (e) {
      showError(e);
    }
  };
  // Runs logged or imported change the status: reload with the record.
  useEffect(() => {
    void load();
  }, [data]);

  const onSaved = async () => {
    setDraft(null);
    setSaved(true);
    await load();
  };

  const body =
    draft !== null ? (
      <ProgrammeEditor clientId={clientId} draft={draft.d} programme={draft.programme} onSaved={onSaved} onCancel={() => setDraft(null)} />
    ) : status === undefined ? null : status === null ? (
      <NewProgramme onDraft={(d) => (setSaved(false), setDraft({ d, programme: null }))} defaultName={t('rec.prog.defaultName')} />
    ) : (
      <ProgrammeStatusView
        status={status}
        onEdit={() => (setSaved(false), setDraft({ d: { name: status.programme.name, startDate: status.programme.startDate, weeks: status.programme.weeks, notes: status.programme.notes }, programme: status.programme }))}
        onDelete={async () => {
          await api().deleteRunProgramme(status.programme.id);
          setSaved(false);
          await load();
        }}
        locale={locale}
      />
    );
  return (
    <Card title={t('rec.prog.title')} testId="prog-card">
      {saved && draft === null && <Notice testId="prog-saved">{t('rec.prog.saved')}</Notice>}
      {body}
    </Card>
  );
}

function NewProgramme({ onDraft, defaultName }: { onDraft: (d: ProgrammeDraft) => void; defaultName: string }) {
  const { t } = useT();
  const [weeks, setWeeks] = useState(10);
  const [perWeek, setPerWeek] = useState(3);
  const [busy, setBusy] = useState(false);
  const fromTemplate = async () => {
    setBusy(true);
    try {
      const w = await api().runProgrammeTemplate({ weeks, sessionsPerWeek: perWeek });
      onDraft({ name: defaultName, startDate: todayIso(), weeks: w, notes: '' });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const byHand = () =>
    onDraft({
      name: defaultName,
      startDate: todayIso(),
      notes: '',
      weeks: [{ sessionsPerWeek: perWeek, blocks: [{ kind: 'warmup', sec: 300 }, { kind: 'run', sec: 60 }, { kind: 'walk', sec: 120 }, { kind: 'cooldown', sec: 300 }] }],
    });
  return (
    <div className="stack" data-testid="prog-new">
      <p className="small muted">{t('rec.prog.none')}</p>
      <div className="row2">
        <Field label={t('rec.prog.weeks')}>
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} data-testid="prog-template-weeks">
            {[9, 10, 11, 12].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('rec.prog.perWeek')}>
          <select value={perWeek} onChange={(e) => setPerWeek(Number(e.target.value))} data-testid="prog-template-per-week">
            {[1, 2, 3, 4, 5, 6, 7].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="buttons">
        <button type="button" className="btn primary" disabled={busy} onClick={() => void fromTemplate()} data-testid="prog-from-template">
          {t('rec.prog.fromTemplate')}
        </button>
        <button type="button" className="btn" onClick={byHand} data-testid="prog-by-hand">
          {t('rec.prog.byHand')}
        </button>
      </div>
    </div>
  );
}

function ProgrammeStatusView({ status, onEdit, onDelete, locale }: { status: Status; onEdit: () => void; onDelete: () => Promise<void>; locale: Locale }) {
  const { t, fmt } = useT();
  const [pdfLang, setPdfLang] = useState<Locale>(locale);
  const [busy, setBusy] = useState(false);
  const p = status.programme;
  const words = runScheduleMessages(locale);
  const num = (x: number): string => fmt.num(x, Number.isInteger(x) ? 0 : 1);
  const pdf = async () => {
    setBusy(true);
    try {
      saveDownload(await api().getReportPdf({ kind: 'runSchedule', programmeId: p.id, locale: pdfLang }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const stateText =
    status.state === 'notStarted'
      ? t('rec.prog.state.notStarted', { date: fmt.date(p.startDate) })
      : status.state === 'active'
        ? t('rec.prog.state.active', { week: status.currentWeek ?? 1, weeks: p.weeks.length })
        : t('rec.prog.state.finished');
  return (
    <div className="stack" data-testid="prog-status" data-state={status.state}>
      <p>
        <strong data-testid="prog-status-name">{p.name}</strong> · <span data-testid="prog-state">{stateText}</span>
      </p>
      {status.next ? (
        <div data-testid="prog-next" data-week={status.next.week}>
          <p className="field-label">{t('rec.prog.next', { week: status.next.week })}</p>
          <ul className="prog-next">
            {sessionWords({ sessionsPerWeek: 1, blocks: status.next.blocks }, words, num).map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted" data-testid="prog-next-none">
          {t('rec.prog.nextNone')}
        </p>
      )}
      <table className="table rec-table" data-testid="prog-weeks">
        <thead>
          <tr>
            <th className="num">{t('rec.prog.col.week')}</th>
            <th className="num">{t('rec.prog.col.planned')}</th>
            <th className="num">{t('rec.prog.col.done')}</th>
            <th className="num">{t('rec.prog.col.longestPlanned')}</th>
            <th className="num">{t('rec.prog.col.longestDone')}</th>
          </tr>
        </thead>
        <tbody>
          {status.weeks.map((w) => (
            <tr key={w.week} data-testid="prog-week-row" className={w.week === status.currentWeek ? 'rec-row-current' : undefined}>
              <td className="num">{w.week}</td>
              <td className="num">{w.planned}</td>
              <td className="num">{w.done}</td>
              <td className="num">{minutes(fmt, w.plannedLongestRunSec)}</td>
              <td className="num">{minutes(fmt, w.longestRunSec)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button type="button" className="btn" onClick={onEdit} data-testid="prog-edit">
          {t('rec.prog.edit')}
        </button>
        <select value={pdfLang} aria-label={t('rec.prog.pdfLang')} onChange={(e) => setPdfLang(e.target.value as Locale)} data-testid="prog-pdf-lang">
          {(Object.keys(LANG_NAMES) as Locale[]).map((l) => (
            <option key={l} value={l}>
              {LANG_NAMES[l]}
            </option>
          ))}
        </select>
        <button type="button" className="btn" disabled={busy} onClick={() => void pdf()} data-testid="prog-pdf">
          {t('rec.prog.pdf')}
        </button>
        <ConfirmDelete onDelete={onDelete} testId="prog-delete" />
      </div>
    </div>
  );
}
