/**
 * The pacer's set duration is over (`session.pacerEnded`) while the session keeps recording: a
 * prompt (with a short chime) asks the therapist to stop the session or to continue, so a session
 * never ends silently. "Continue" keeps the pacer going open-ended (`continuePacer`).
 */
import { useEffect } from 'react';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { reloadClients, useApp } from '../../app/store.js';
import { useAction } from '../../ui/useAsync.js';
import { playPacerEndChime } from '../pacer/pacerAudio.js';

export function PacerEndPrompt() {
  const { t } = useT();
  const ended = useApp((s) => s.session.pacerEnded && s.session.phase !== 'idle');
  const { busy, run } = useAction();
  useEffect(() => {
    if (ended) playPacerEndChime();
  }, [ended]);
  if (!ended) return null;
  return (
    <div className="card pacer-end" role="alertdialog" aria-labelledby="pacer-end-title" data-testid="pacer-end-prompt">
      <h2 id="pacer-end-title">{t('pacer.ended.title')}</h2>
      <p>{t('pacer.ended.text')}</p>
      <div className="buttons">
        <button className="btn primary" disabled={busy} onClick={() => void run(() => api().continuePacer())} data-testid="pacer-end-continue">
          {t('pacer.ended.continue')}
        </button>
        <button
          className="btn danger"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await api().stopSession();
              await reloadClients(api());
            })
          }
          data-testid="pacer-end-stop"
        >
          {t('pacer.ended.stop')}
        </button>
      </div>
    </div>
  );
}
