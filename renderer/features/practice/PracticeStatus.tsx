/**
 * Practice mode in the top bar (issue 17): off, or the practice database reachable / offline /
 * with a problem, how many changes wait to be sent (and how many of them the server refused:
 * parked, with their clients in the tooltip), when it last synced, and "sync now". The
 * state comes from the core (`getPracticeState`, then every `onPracticeState`).
 */
import { useEffect, useState } from 'react';
import { practiceReasonText } from '../../../shared/i18n/practiceReasonText.js';
import type { PracticeStateView } from '../../../shared/ipc/practiceTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { showError, useApp } from '../../app/store.js';
import { PracticeSetup } from './PracticeSetup.js';

export function PracticeStatus() {
  const { t, fmt, locale } = useT();
  const link = useApp((s) => s.link);
  const [state, setState] = useState<PracticeStateView | null>(null);
  useEffect(() => api().onPracticeState(setState), []);
  useEffect(() => {
    if (link === 'open') void api().getPracticeState().then(setState).catch(() => undefined);
  }, [link]);
  if (state === null) return null;
  if (state.mode === 'off') {
    return (
      <div className="practice-state">
        <span className="badge" data-testid="practice-state" data-connection="off" title={t('practice.offTitle')}>
          {t('practice.off')}
        </span>
        <PracticeSetup />
      </div>
    );
  }
  const tone = state.connection === 'online' ? (state.waiting > 0 ? 'badge-warn' : 'badge-ok') : state.connection === 'unknown' ? '' : 'badge-bad';
  // The problem in words; the server's own text only as a technical detail after the reason.
  const reason = state.problemReason ? practiceReasonText(locale, state.problemReason, state.problem) : state.problem;
  const problem = state.problemCode ? `${t(`practice.problem.${state.problemCode}`)}${reason ? `: ${reason}` : ''}` : '';
  const parked = state.parked > 0 ? t('practice.parkedTitle', { clients: state.parkedClients.join(', ') }) : '';
  const title = [state.server ?? '', problem, parked, state.lastSyncAt ? t('practice.lastSync', { at: fmt.dateTime(state.lastSyncAt) }) : t('practice.neverSynced')]
    .filter((x) => x)
    .join('\n');
  return (
    <div className="practice-state">
      <span className={`badge ${tone}`} data-testid="practice-state" data-connection={state.connection} data-waiting={state.waiting} data-parked={state.parked} title={title}>
        {[
          t(`practice.connection.${state.connection}`),
          t('practice.waiting', { n: state.waiting }),
          ...(state.parked > 0 ? [t('practice.parked', { n: state.parked })] : []),
          ...(state.lastSyncAt && state.waiting === 0 && state.connection === 'online' ? [t('practice.syncedAt', { at: shortTime(state.lastSyncAt, locale, fmt.dateTime) })] : []),
        ].join(' · ')}
      </span>
      <button
        className="btn small ghost"
        disabled={state.syncing}
        onClick={() => void api().syncPracticeNow().then(setState).catch(showError)}
        data-testid="practice-sync"
        title={t('practice.syncNowTitle')}
      >
        {state.syncing ? t('practice.syncing') : t('practice.syncNow')}
      </button>
      <PracticeSetup />
    </div>
  );
}

/** The time of day when `iso` is today, else date and time. */
function shortTime(iso: string, locale: string, dateTime: (iso: string) => string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (d.toDateString() !== new Date().toDateString()) return dateTime(iso);
  return d.toLocaleTimeString(locale === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}
