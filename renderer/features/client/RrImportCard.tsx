/**
 * Import an RR-interval text file (Kubios, Polar, Elite HRV) or a HeartMath session export
 * (emWave Pro / emWave2, Inner Balance: always home practice) as a session of this client. The
 * file is read in the page (File API) and its text sent to the core, which parses it; a file it
 * cannot read gives a clear message and stores nothing.
 */
import { useRef, useState, type FormEvent } from 'react';
import { MAX_RR_TEXT_CHARS, RR_IMPORT_SOURCES, RR_IMPORT_TYPES, type RrImportSource, type RrImportType } from '../../../shared/ipc/recordTypes.js';
import { api } from '../../app/api.js';
import { useT, type Params, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { Field } from '../../ui/Field.js';
import { localDateTimeValue } from './recordDates.js';
import { useAction } from '../../ui/useAsync.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { FormIssues, Notice } from './recordUi.js';
import { errorText } from '../../../shared/i18n/CadansError.js';

type Outcome = { tone: 'ok' | 'bad'; text: string; details: string[] } | null;

/** The parser's reason (`parseRrText`, English) in the UI language where it is a known one. */
export function rrErrorText(error: string, t: (k: StringKey, p?: Params) => string): string {
  if (error === 'empty file' || error === 'the file has no text') return t('rec.import.err.empty');
  if (error === 'no numbers in the file') return t('rec.import.err.noNumbers');
  if (error === 'no column of numbers in the file') return t('rec.import.err.noColumn');
  if (error === 'no IBI column in the HeartMath export') return t('rec.import.err.noIbiColumn');
  const few = /^only (\d+) (?:positive )?intervals in the file \(need at least (\d+)\)$/.exec(error);
  if (few) return t('rec.import.err.tooFew', { n: Number(few[1]), min: Number(few[2]) });
  const odd = /^implausible intervals \(median (\d+) ms/.exec(error);
  if (odd) return t('rec.import.err.implausible', { median: Number(odd[1]) });
  return error;
}

export function RrImportCard({ clientId, onImported }: { clientId: number; onImported: (sessionId: number) => Promise<void> }) {
  const { t, fmt, locale } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [type, setType] = useState<RrImportType>('biofeedback');
  const [source, setSource] = useState<RrImportSource>('rr');
  const heartMath = source !== 'rr';
  const [start, setStart] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [inputKey, setInputKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const { busy, run } = useAction();

  const pickFile = (f: File | null): void => {
    setFile(f);
    setOutcome(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    setIssues([]);
    if (!file) return setOutcome({ tone: 'bad', text: t('rec.import.noFile'), details: [] });
    if (file.size > MAX_RR_TEXT_CHARS * 4) {
      return setOutcome({ tone: 'bad', text: t('rec.import.tooLarge', { size: fmt.num(file.size / 1000, 0), max: fmt.num(MAX_RR_TEXT_CHARS / 1000, 0) }), details: [] });
    }
    let text: string;
    try {
      text = (await file.text()).replace(/\r\n?/g, '\n');
    } catch {
      return setOutcome({ tone: 'bad', text: t('rec.import.unreadable', { detail: t('rec.import.cannotOpen') }), details: [] });
    }
    // Measured as it travels (JSON, UTF-8): the web host refuses larger calls.
    const bytes = new TextEncoder().encode(JSON.stringify(text)).length;
    if (bytes > MAX_RR_TEXT_CHARS) {
      return setOutcome({ tone: 'bad', text: t('rec.import.tooLarge', { size: fmt.num(bytes / 1000, 0), max: fmt.num(MAX_RR_TEXT_CHARS / 1000, 0) }), details: [] });
    }
    const startedAt = start ? new Date(start).toISOString() : null;
    const r = await run(() => api().importRrFile({ clientId, type: heartMath ? 'home' : type, source, fileName: file.name, text, startedAt }));
    if (!r) return;
    if (!r.ok) {
      if (r.reason === 'invalid') return setIssues(r.issues);
      // The page's own wording for the common problems; any other coded one in the catalogue's.
      const known = rrErrorText(r.error, t);
      const detail = known === r.error && r.code ? errorText(locale, { code: r.code, params: r.params ?? {}, message: r.error }) : known;
      const msg = r.reason === 'too-large' ? t('rec.import.tooLarge', { size: fmt.num(text.length / 1000, 0), max: fmt.num(MAX_RR_TEXT_CHARS / 1000, 0) }) : t(heartMath ? 'rec.import.unreadableHeartMath' : 'rec.import.unreadable', { detail });
      return setOutcome({ tone: 'bad', text: msg, details: [] });
    }
    setOutcome({
      tone: 'ok',
      text: t('rec.import.done', { n: r.intervals, file: file.name, duration: fmt.duration(r.session.durationSec) }),
      details: [
        ...(r.heartMath && r.heartMath.meanCoherence !== null
          ? [t('rec.import.heartMathScores', { n: r.heartMath.coherence5s.length, mean: fmt.num(r.heartMath.meanCoherence, 1) })]
          : []),
        // What the reader left out, in the page's language (`warnings` is the English of the same).
        ...r.notes.map((n) => errorText(locale, { ...n, message: '' })),
      ],
    });
    setFile(null);
    setInputKey((k) => k + 1);
    await onImported(r.session.sessionId);
  };

  return (
    <Card title={t('rec.import.title')} testId="rr-import">
      <form className="stack" onSubmit={submit} noValidate data-testid="rr-import-form">
        <p className="small muted">{t('rec.import.hint')}</p>
        <Field label={t('rec.import.file')}>
          {/* The browser's own file button speaks the browser's language: hidden, and a button in the app's. */}
          <span className="file-pick">
            <input ref={fileInput} key={inputKey} type="file" hidden accept=".txt,.csv,.rr,.hrv,.tsv,text/plain,text/csv" onChange={(e) => pickFile(e.target.files?.[0] ?? null)} data-testid="rr-file" />
            <button type="button" className="btn small" onClick={() => fileInput.current?.click()} data-testid="rr-choose">
              {t('rec.import.choose')}
            </button>{' '}
            <span className="small muted" data-testid="rr-file-name">{file ? file.name : t('rec.import.noFileChosen')}</span>
          </span>
        </Field>
        <Field label={t('rec.import.source')}>
          <select value={source} onChange={(e) => setSource(e.target.value as RrImportSource)} data-testid="rr-source">
            {RR_IMPORT_SOURCES.map((x) => (
              <option key={x} value={x}>
                {t(`rec.import.source.${x}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="row2">
          <Field label={t('field.type')}>
            <select value={heartMath ? 'home' : type} disabled={heartMath} onChange={(e) => setType(e.target.value as RrImportType)} data-testid="rr-type">
              {RR_IMPORT_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`type.${x}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('field.startedAt')} hint={t('rec.import.startHint')}>
            <input type="datetime-local" value={start} max={localDateTimeValue(new Date())} onChange={(e) => setStart(e.target.value)} data-testid="rr-start" />
          </Field>
        </div>
        <FormIssues issues={issues} />
        {outcome && (
          <Notice tone={outcome.tone} testId="rr-import-result">
            <p>{outcome.text}</p>
            {outcome.details.length > 0 && (
              <ul className="small">
                {outcome.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
        <div className="buttons">
          <button type="submit" className="btn primary" disabled={busy || !file} data-testid="rr-import-submit">
            {t('rec.import.submit')}
          </button>
        </div>
      </form>
    </Card>
  );
}
