/**
 * Import a run from a sport watch (FIT, TCX, GPX) on the client page: the file is read in the
 * page, gzip-packed (fflate) and sent in one call (`importRunFile`); the core reads and stores it
 * like `cadans import-run`. The result shows its blocks, the longest run, mean HR and HRR60 and
 * offers the running-log entry it fills in (`draft`), to check, add Borg to and confirm
 * (`createRunningLogEntry`). A broken file: its coded message in the UI language next to the
 * picker, nothing stored.
 */
import { gzipSync } from 'fflate';
import { useRef, useState, type FormEvent } from 'react';
import type { NewRunningLogEntry } from '../../../shared/domain/types.js';
import { BORG_MAX, BORG_MIN, validateRunningLog } from '../../../shared/domain/validateRunningLog.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { MAX_RUN_UPLOAD_CHARS, type RunImportResult } from '../../../shared/running/runImport.js';
import { MAX_RUN_FILE_BYTES } from '../../../shared/running/runTrack.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { FormIssues, Notice, useSave } from './recordUi.js';
import { scheduleText } from './RunningTab.js';

/** Bytes as base64 (in slices: String.fromCharCode takes a bounded number of arguments). */
function base64Of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function RunImportCard({ clientId, onChanged }: { clientId: number; onChanged: () => Promise<void> }) {
  const { t, fmt, locale } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RunImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      if (file.size > MAX_RUN_FILE_BYTES) {
        return setError(errorText(locale, { code: 'runFile.tooLarge', params: { file: file.name, mb: MAX_RUN_FILE_BYTES / 1024 / 1024 } }));
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        return setError(t('rec.runImport.cannotOpen', { file: file.name }));
      }
      const gzipBase64 = base64Of(gzipSync(bytes, { level: 6 }));
      if (gzipBase64.length > MAX_RUN_UPLOAD_CHARS) {
        return setError(t('rec.runImport.tooLarge', { file: file.name, size: fmt.num((gzipBase64.length * 3) / 4 / 1000, 0), max: fmt.num((MAX_RUN_UPLOAD_CHARS * 3) / 4 / 1000, 0) }));
      }
      try {
        setResult(await api().importRunFile({ clientId, fileName: file.name, gzipBase64 }));
      } catch (err) {
        return setError(errorText(locale, err));
      }
      setFile(null);
      setInputKey((k) => k + 1);
      await onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('rec.runImport.title')} testId="run-import">
      <form className="stack" onSubmit={submit} noValidate data-testid="run-import-form">
        <p className="small muted">{t('rec.runImport.hint')}</p>
        <span className="file-pick">
          <input
            ref={fileInput}
            key={inputKey}
            type="file"
            hidden
            accept=".fit,.tcx,.gpx"
            onChange={(e) => (setFile(e.target.files?.[0] ?? null), setError(null))}
            data-testid="run-file"
          />
          <button type="button" className="btn small" onClick={() => fileInput.current?.click()} data-testid="run-choose">
            {t('rec.runImport.choose')}
          </button>{' '}
          <span className="small muted" data-testid="run-file-name">
            {file ? file.name : t('rec.runImport.none')}
          </span>{' '}
          <button type="submit" className="btn small primary" disabled={busy || !file} data-testid="run-import-submit">
            {t('rec.runImport.submit')}
          </button>
        </span>
        {error && (
          <Notice tone="bad" testId="run-import-error">
            <p>{error}</p>
          </Notice>
        )}
      </form>
      {result && <ImportedRun key={result.sessionId} result={result} onLogged={onChanged} />}
    </Card>
  );
}

function ImportedRun({ result: r, onLogged }: { result: RunImportResult; onLogged: () => Promise<void> }) {
  const { t, fmt } = useT();
  const [borg, setBorg] = useState('');
  const [logged, setLogged] = useState(false);
  const s = useSave();
  const bpm = (x: number | null): string => (x === null ? t('rec.runImport.unknown') : `${fmt.num(x, 0)} bpm`);
  const runs = r.blocks.filter((b) => b.kind === 'run').length;
  const confirm = async () => {
    const b = borg.trim();
    const entry: NewRunningLogEntry = { ...r.draft, borg: b === '' ? null : Number.isFinite(Number(b)) ? Number(b) : (b as unknown as number) };
    const local = validateRunningLog(entry, new Date());
    if (!local.ok) return s.setIssues(local.issues);
    const saved = await s.save(() => api().createRunningLogEntry(entry));
    if (saved) {
      setLogged(true);
      await onLogged();
    }
  };
  return (
    <div className="stack" data-testid="run-import-result" data-session={r.sessionId}>
      <Notice testId="run-import-done">
        <p>{t('rec.runImport.done', { format: r.format.toUpperCase(), date: fmt.date(r.startedAt.slice(0, 10)), id: r.sessionId, duration: fmt.duration(r.durationSec) })}</p>
      </Notice>
      <dl className="run-figures" data-testid="run-import-figures">
        <dt>{t('rec.runImport.schedule')}</dt>
        <dd data-testid="run-import-blocks">
          {t('rec.runImport.blocks', { runs, walks: r.blocks.length - runs })}
          <span className="small muted run-block-list" data-testid="run-import-block-list">
            {r.blocks.map((b) => `${t(`rec.prog.kind.${b.kind}`)} ${fmt.duration(b.endSec - b.startSec)}`).join(' · ')}
          </span>
        </dd>
        <dt>{t('rec.runImport.longest')}</dt>
        <dd data-testid="run-import-longest">{`${fmt.num(r.longestRunSec / 60, 1)} min`}</dd>
        <dt>{t('rec.runImport.meanHr')}</dt>
        <dd data-testid="run-import-hr">{bpm(r.meanHrBpm)}</dd>
        <dt>{t('rec.runImport.hrr60')}</dt>
        <dd data-testid="run-import-hrr">{bpm(r.hrr60Bpm)}</dd>
      </dl>
      {logged ? (
        <Notice testId="run-import-logged">{t('rec.runImport.logged')}</Notice>
      ) : (
        <div className="stack" data-testid="run-import-draft">
          <p className="field-label">{t('rec.runImport.draftTitle')}</p>
          <p data-testid="run-import-draft-schedule">
            {fmt.date(r.draft.date)} · {r.draft.intervals?.length ? scheduleText(r.draft.intervals, t, fmt) : '–'}
            {r.draft.continuousRunMin !== null ? ` · ${fmt.num(r.draft.continuousRunMin, 1)} min` : ''}
          </p>
          <Field label={t('field.borg')} hint={t('rec.run.borgHint', { min: BORG_MIN, max: BORG_MAX })}>
            <input type="text" inputMode="numeric" size={4} value={borg} onChange={(e) => setBorg(e.target.value)} data-testid="run-import-borg" />
          </Field>
          <FormIssues issues={s.issues} testId="run-import-issues" />
          <div className="buttons">
            <button type="button" className="btn primary" disabled={s.busy} onClick={() => void confirm()} data-testid="run-import-confirm">
              {t('rec.runImport.confirm')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
