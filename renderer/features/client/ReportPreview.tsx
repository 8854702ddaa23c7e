/**
 * A report (session or progress) previewed in the page and downloadable as PDF. The report HTML
 * is shown in a sandboxed iframe (`srcdoc`, no scripts). The page's CSP does not allow inline
 * `<style>` (it is inherited by srcdoc frames), so the report's style sheet is taken out of the
 * document and given to the frame as a constructed style sheet (CSSOM), which the CSP permits.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReportRequest, ReportView } from '../../../shared/ipc/recordTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { saveDownload } from './download.js';

/** The report document without its `<style>` blocks, and their CSS. */
export function splitStyles(html: string): { body: string; css: string } {
  const css: string[] = [];
  const body = html
    .replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_m, text: string) => {
      css.push(text);
      return '';
    })
    .replace(/<script[\s\S]*?<\/script>/gi, '');
  return { body, css: css.join('\n') };
}

function styleFrame(frame: HTMLIFrameElement, css: string): void {
  const doc = frame.contentDocument;
  const win = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!doc || !win) return;
  try {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [sheet];
  } catch {
    // An old engine without constructed style sheets: the report shows unstyled but complete.
  }
  frame.style.height = `${Math.max(400, doc.documentElement.scrollHeight + 4)}px`;
}

export function ReportPreview({ request, onClose, testId = 'report-preview' }: { request: ReportRequest; onClose?: () => void; testId?: string }) {
  const { t, locale } = useT();
  const [view, setView] = useState<ReportView | null>(null);
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(request);

  useEffect(() => {
    let live = true;
    setView(null);
    api()
      .getReportHtml({ ...(JSON.parse(key) as ReportRequest), locale })
      .then((v) => live && setView(v), showError);
    return () => {
      live = false;
    };
  }, [key, locale]);

  const parts = useMemo(() => (view ? splitStyles(view.html) : null), [view]);

  const pdf = async () => {
    setBusy(true);
    try {
      saveDownload(await api().getReportPdf({ ...request, locale }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={view?.title ?? t('rec.report.preview')}
      className="rec-report"
      testId={testId}
      actions={
        <>
          <button className="btn small primary" onClick={() => void pdf()} disabled={busy || !view} data-testid="report-pdf">
            {busy ? t('rec.report.making') : t('rec.report.pdf')}
          </button>
          {onClose && (
            <button className="btn small ghost" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
        </>
      }
    >
      {parts ? (
        <iframe
          className="rec-report-frame"
          sandbox="allow-same-origin"
          srcDoc={parts.body}
          title={view?.title ?? ''}
          onLoad={(e) => styleFrame(e.currentTarget, parts.css)}
          data-testid="report-frame"
        />
      ) : (
        <p className="muted">{t('rec.report.loading')}</p>
      )}
    </Card>
  );
}
