/**
 * The therapist console of a running group session (issue 14): the shared pacer, pause/resume and
 * stop for all, a marker for all, and a compact row per client (`MemberRow`) with their own
 * signal quality, heart rate, coherence, breathing rate, phase and markers — and a marker for that
 * client alone. Per-beat values are drawn from each client's live buffers on animation frames.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { groupLive, liveData, reloadClients, useApp } from '../../app/store.js';
import { useFrame } from '../../charts/frameLoop.js';
import { Badge } from '../../ui/Badge.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import { ClientDisplayPanel } from '../display/ClientDisplayPanel.js';
import { PacerCanvas } from '../pacer/PacerCanvas.js';
import { usePacerLabels } from '../pacer/usePacerLabels.js';
import { PacerEndPrompt } from '../session/PacerEndPrompt.js';
import { StorageBanner } from '../session/StorageBanner.js';
import { MemberRow } from './MemberRow.js';

export function GroupConsole() {
  const { t, fmt } = useT();
  const session = useApp((s) => s.session);
  const clients = useApp((s) => s.clients);
  const channels = useApp((s) => s.channels);
  const quality = useApp((s) => s.quality);
  const display = useApp((s) => s.settings.display);
  const labels = usePacerLabels();
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const elapsed = useRef<HTMLSpanElement>(null);
  useFrame(() => {
    const el = elapsed.current;
    if (!el) return;
    const start = session.startClockSec;
    const text = fmt.duration(start === null ? 0 : liveData.clock.now() - start);
    if (el.textContent !== text) el.textContent = text;
  });

  const mark = (clientId?: number) =>
    void run(async () => {
      await api().addMarker({ note, ...(clientId !== undefined ? { clientId } : {}) });
      setNote('');
    });
  const markAll = (e: FormEvent) => {
    e.preventDefault();
    mark();
  };
  const stop = () =>
    void run(async () => {
      await api().stopSession();
      await reloadClients(api());
    });

  return (
    <div className="group-console" data-testid="group-console">
      <div className="group-console-main">
        <StorageBanner />
        <PacerEndPrompt />
        <Card title={t('group.consoleTitle', { n: session.members.length })} testId="group-controls">
          <div className="group-controls">
            <Badge tone={session.phase === 'paused' ? 'warn' : 'ok'} testId="session-phase">
              {t(`session.phase.${session.phase}`)}
            </Badge>
            <span className="elapsed" ref={elapsed} data-testid="elapsed">
              0:00
            </span>
            {session.phase === 'recording' ? (
              <button className="btn" disabled={busy} onClick={() => void run(() => api().pauseSession())} data-testid="group-pause">
                {t('group.pauseAll')}
              </button>
            ) : (
              <button className="btn" disabled={busy} onClick={() => void run(() => api().resumeSession())} data-testid="group-resume">
                {t('group.resumeAll')}
              </button>
            )}
            <button className="btn danger" disabled={busy} onClick={stop} data-testid="group-stop">
              {t('group.stopAll')}
            </button>
            <form className="connect-row group-marker" onSubmit={markAll}>
              <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('session.markerNote')} maxLength={500} data-testid="marker-note" />
              <button className="btn" type="submit" disabled={busy} data-testid="group-marker-all">
                {t('group.markerAll')}
              </button>
            </form>
          </div>
        </Card>
        <Card testId="group-members">
          <table className="member-table">
            <thead>
              <tr>
                <th>{t('group.col.client')}</th>
                <th>{t('quality.title')}</th>
                <th>{t('metrics.hrNow')}</th>
                <th>{t('metrics.coherence')}</th>
                <th>{t('metrics.breathing')}</th>
                <th>{t('group.col.phase')}</th>
                <th>{t('group.col.markers')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {session.members.map((m, i) => (
                <MemberRow
                  key={m.channel}
                  index={i}
                  member={m}
                  name={clients.find((c) => c.id === m.clientId)?.name ?? `#${m.clientId}`}
                  channel={channels.find((c) => c.channel === m.channel)}
                  quality={quality[m.channel]}
                  data={groupLive.get(m.channel)}
                  markers={session.markers.filter((x) => x.clientId === undefined || x.clientId === m.clientId).filter((x) => x.kind === 'note').length}
                  busy={busy}
                  onMarker={() => mark(m.clientId)}
                />
              ))}
            </tbody>
          </table>
        </Card>
      </div>
      <aside className="side">
        <Card title={t('pacer.visualTitle')} className="pacer-card">
          <PacerCanvas visual={display.pacerVisual} audio={display.audioCue} labels={labels} rateText={labels.rate} />
        </Card>
        <ClientDisplayPanel group />
      </aside>
    </div>
  );
}
