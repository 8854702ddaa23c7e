/**
 * Console panel: start, pause/resume and stop the session of the selected client, with the pacer
 * settings of the pacer panel; add a marker with a note; elapsed time (updated on animation
 * frames, not by React) and the markers so far.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../app/api.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { liveData, reloadClients, useApp } from '../../app/store.js';
import { useFrame } from '../../charts/frameLoop.js';
import { Badge } from '../../ui/Badge.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { checkDraft, sendPacerCall, type PacerDraft } from '../pacer/PacerForm.js';

export function SessionControls({
  draft,
  usePacer,
  setUsePacer,
  onPacerIssues = () => undefined,
}: {
  draft: PacerDraft;
  usePacer: boolean;
  setUsePacer: (v: boolean) => void;
  /** Field problems of the pacer settings when the core refuses to start with them (shown in the pacer form). */
  onPacerIssues?: (issues: ValidationIssue[]) => void;
}) {
  const { t, fmt } = useT();
  const session = useApp((s) => s.session);
  const clientId = useApp((s) => s.selectedClientId);
  const client = useApp((s) => s.clients.find((c) => c.id === (s.session.clientId ?? s.selectedClientId)));
  const connected = useApp((s) => s.channels.some((c) => c.state === 'connected'));
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const elapsed = useRef<HTMLSpanElement>(null);

  useFrame(() => {
    const el = elapsed.current;
    if (!el) return;
    const start = session.startClockSec;
    const text = start === null ? fmt.duration(0) : fmt.duration(liveData.clock.now() - start);
    if (el.textContent !== text) el.textContent = text;
  });

  const checked = checkDraft(draft);
  const pacerBad = usePacer && !checked.ok;
  const start = () =>
    void run(async () => {
      if (clientId === null || (usePacer && !checked.ok)) return;
      await sendPacerCall(() => api().startSession({ clientId, pacer: usePacer && checked.ok ? checked.value : null }), onPacerIssues);
    });
  const stop = () =>
    void run(async () => {
      await api().stopSession();
      await reloadClients(api());
    });
  const addMarker = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api().addMarker({ note });
      setNote('');
    });
  };

  const idle = session.phase === 'idle';
  return (
    <Card title={t('session.title')} testId="session-controls">
      <div className="stack">
        <div className="session-status">
          <Badge tone={idle ? 'neutral' : session.phase === 'paused' ? 'warn' : 'ok'} testId="session-phase">
            {t(`session.phase.${session.phase}`)}
          </Badge>
          <span className="elapsed" ref={elapsed} data-testid="elapsed">
            0:00
          </span>
        </div>
        {client && <div className="small muted">{t('session.for', { name: client.name })}</div>}
        {idle ? (
          <>
            <label className="check">
              <input type="checkbox" checked={usePacer} onChange={(e) => setUsePacer(e.target.checked)} />
              {t('session.withPacer')}
            </label>
            <button className="btn primary big" disabled={busy || clientId === null || !connected || pacerBad} onClick={start} data-testid="start-session">
              {t('session.start')}
            </button>
            {clientId === null && <p className="small muted">{t('session.needClient')}</p>}
            {clientId !== null && !connected && <p className="small muted">{t('session.needSensor')}</p>}
            {pacerBad && (
              <p className="small tone-bad" data-testid="start-blocked">
                {t('session.fixPacer')}
              </p>
            )}
          </>
        ) : (
          <>
            <div className="buttons">
              {session.phase === 'recording' ? (
                <button className="btn" disabled={busy} onClick={() => void run(() => api().pauseSession())} data-testid="pause-session">
                  {t('session.pause')}
                </button>
              ) : (
                <button className="btn" disabled={busy} onClick={() => void run(() => api().resumeSession())} data-testid="resume-session">
                  {t('session.resume')}
                </button>
              )}
              <button className="btn danger" disabled={busy} onClick={stop} data-testid="stop-session">
                {t('session.stop')}
              </button>
            </div>
            <form className="connect-row" onSubmit={addMarker}>
              <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('session.markerNote')} maxLength={500} data-testid="marker-note" />
              <button className="btn" type="submit" disabled={busy} data-testid="add-marker">
                {t('session.marker')}
              </button>
            </form>
            {session.markers.length > 0 && (
              <ul className="markers" data-testid="markers">
                {session.markers.map((m, i) => (
                  <li key={i}>
                    <span className="mono">{fmt.duration(m.tSec)}</span> {m.note || (hasKey(`marker.${m.kind}`) ? t(`marker.${m.kind}` as StringKey) : m.kind)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
