/**
 * Home practice: the client's prescriptions (newest first) with download links for the handout
 * (PDF) and the audio pacer (WAV), and a form for a new one. The core checks the input as
 * `cadans prescribe` does and answers its problems in the UI's language (nothing stored then).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Prescription, PrescriptionLang } from '../../../shared/domain/prescription.js';
import type { PrescriptionFileKind } from '../../../shared/ipc/prescriptionTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { saveDownload } from './download.js';
import { Notice } from './recordUi.js';

export function PrescriptionCard({ clientId }: { clientId: number }) {
  const { t, fmt, locale } = useT();
  /** 6 → '6', 5.5 → '5,5' (nl) / '5.5' (en). */
  const n = (v: number): string => fmt.num(v, Number.isInteger(v) ? 0 : 1);
  const [list, setList] = useState<Prescription[]>([]);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The form starts at the client's last resonance rate, when there is one.
  const [resonanceRate, setResonanceRate] = useState<number | null>(null);
  const load = useCallback(async () => {
    const [l, r] = await Promise.all([api().listPrescriptions(clientId), api().getLastResonanceRate(clientId)]);
    setList(l);
    setResonanceRate(r?.rateBpm ?? null);
  }, [clientId]);
  useEffect(() => {
    load().catch(showError);
  }, [load]);

  const download = async (p: Prescription, file: PrescriptionFileKind) => {
    setBusy(`${p.id}-${file}`);
    setDone(null);
    try {
      const f = await api().getPrescriptionFile({ prescriptionId: p.id, file });
      saveDownload(f);
      setDone(t('rec.export.done', { file: f.fileName }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={t('rec.rx.title')}
      testId="prescription-card"
      actions={
        !adding && (
          <button className="btn small" onClick={() => setAdding(true)} data-testid="new-prescription">
            {t('rec.rx.new')}
          </button>
        )
      }
    >
      {adding && (
        <PrescriptionForm
          clientId={clientId}
          defaultRate={resonanceRate}
          defaultLang={locale === 'en' ? 'en' : 'nl'}
          onDone={async (saved) => {
            setAdding(false);
            if (saved) await load().catch(showError);
          }}
        />
      )}
      {list.length === 0 && !adding && <p className="muted">{t('rec.rx.none')}</p>}
      <ul className="rec-goals" data-testid="prescription-list">
        {list.map((p) => (
          <li key={p.id} data-testid="prescription-row">
            <div>
              <strong>{t('rec.rx.summary', { rate: n(p.rateBpm), ratio: p.ratio, minutes: n(p.minutes), perDay: p.timesPerDay })}</strong>
              <span className="muted"> · {fmt.date(p.date)}</span>
              {(p.holdInSec > 0 || p.holdOutSec > 0) && <span className="muted"> · {t('rec.rx.holds', { holdIn: n(p.holdInSec), holdOut: n(p.holdOutSec) })}</span>}
            </div>
            <div className="buttons">
              <button className="btn small" disabled={busy !== null} onClick={() => void download(p, 'handout')} data-testid="prescription-handout">
                {t('rec.rx.handout')}
              </button>
              <button className="btn small" disabled={busy !== null} onClick={() => void download(p, 'audio')} data-testid="prescription-audio">
                {t('rec.rx.audio')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {done && <Notice testId="prescription-done">{done}</Notice>}
    </Card>
  );
}

function PrescriptionForm({ clientId, defaultRate, defaultLang, onDone }: { clientId: number; defaultRate: number | null; defaultLang: PrescriptionLang; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const [rate, setRate] = useState(defaultRate !== null ? String(defaultRate) : '6');
  const [ratio, setRatio] = useState('4:6');
  const [holdIn, setHoldIn] = useState('0');
  const [holdOut, setHoldOut] = useState('0');
  const [minutes, setMinutes] = useState('10');
  const [perDay, setPerDay] = useState('2');
  const [lang, setLang] = useState<PrescriptionLang>(defaultLang);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api().createPrescription({
        clientId,
        rateBpm: rate,
        ratio,
        holdInSec: holdIn,
        holdOutSec: holdOut,
        minutes,
        timesPerDay: perDay,
        lang,
      });
      setErrors(r.ok ? [] : r.errors);
      if (r.ok) onDone(true);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack rec-subform" onSubmit={submit} noValidate data-testid="prescription-form">
      <div className="row2">
        <Field label={t('rec.rx.rate')}>
          <input inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} name="rx-rate" />
        </Field>
        <Field label={t('rec.rx.ratio')} hint={t('rec.rx.ratioHint')}>
          <input value={ratio} onChange={(e) => setRatio(e.target.value)} name="rx-ratio" />
        </Field>
      </div>
      <div className="row2">
        <Field label={t('rec.rx.holdIn')}>
          <input inputMode="decimal" value={holdIn} onChange={(e) => setHoldIn(e.target.value)} name="rx-hold-in" />
        </Field>
        <Field label={t('rec.rx.holdOut')}>
          <input inputMode="decimal" value={holdOut} onChange={(e) => setHoldOut(e.target.value)} name="rx-hold-out" />
        </Field>
      </div>
      <div className="row2">
        <Field label={t('rec.rx.minutes')}>
          <input inputMode="decimal" value={minutes} onChange={(e) => setMinutes(e.target.value)} name="rx-minutes" />
        </Field>
        <Field label={t('rec.rx.perDay')}>
          <input inputMode="numeric" value={perDay} onChange={(e) => setPerDay(e.target.value)} name="rx-per-day" />
        </Field>
      </div>
      <Field label={t('rec.rx.lang')}>
        <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'nl')} name="rx-lang">
          <option value="nl">Nederlands</option>
          <option value="en">English</option>
        </select>
      </Field>
      {errors.length > 0 && (
        <div className="rec-issues" role="alert" data-testid="prescription-issues">
          <p className="rec-issues-head">{t('rec.nothingStored')}</p>
          <ul>
            {errors.map((m, k) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="buttons">
        <button type="submit" className="btn primary" disabled={busy} data-testid="prescription-save">
          {t('rec.rx.save')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
