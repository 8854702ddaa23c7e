/**
 * The group set-up (issue 14): 2–6 participants, each a client (picked, or created here) with a
 * sensor of their own — serial, Bluetooth and simulators in any mix. A client's remembered sensor
 * (the one they last recorded with) is filled in and connected as soon as the client is picked; a
 * connected sensor no row has yet is offered as a participant: as the client it is remembered for,
 * or as a new participant. One shared pacer (the pacer form and its checks), then start: every
 * client gets a session in their own record.
 */
import { useState } from 'react';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { ClientDisplayPanel } from '../display/ClientDisplayPanel.js';
import { checkDraft, DEFAULT_DRAFT, PacerForm, sendPacerCall, type PacerDraft } from '../pacer/PacerForm.js';
import { ParticipantsCard } from './ParticipantsCard.js';
import { EMPTY_ROW, useParticipants, type ParticipantStore } from './useParticipants.js';

// Kept across screen changes.
const saved: ParticipantStore = { rows: [EMPTY_ROW, EMPTY_ROW] };
let savedDraft: PacerDraft = DEFAULT_DRAFT;
let savedUsePacer = true;

export function GroupSetup() {
  const { t } = useT();
  const p = useParticipants(saved);
  const [draft, setDraftState] = useState<PacerDraft>(savedDraft);
  const [usePacer, setUsePacer] = useState(savedUsePacer);
  const [pacerIssues, setPacerIssues] = useState<ValidationIssue[]>([]);
  const { rows, assigned, busy, run } = p;
  const setDraft = (d: PacerDraft) => {
    setPacerIssues([]);
    savedDraft = d;
    setDraftState(d);
  };

  const checked = checkDraft(draft);
  const problem = p.problem ?? (usePacer && !checked.ok ? 'fixPacer' : null);
  const start = () =>
    void run(async () => {
      if (problem !== null) return;
      const req = { clients: rows.map((r, i) => ({ clientId: r.clientId!, channel: assigned[i]!.channel })), pacer: usePacer && checked.ok ? checked.value : null };
      savedUsePacer = usePacer;
      await sendPacerCall(() => api().startGroupSession(req), setPacerIssues);
    });

  return (
    <div className="group-setup" data-testid="group-setup">
      <div className="group-setup-main">
        <ParticipantsCard p={p} title={t('group.participants')} />
        <Card title={t('group.startTitle')} testId="group-start-card">
          <div className="stack">
            <label className="check">
              <input type="checkbox" checked={usePacer} onChange={(e) => setUsePacer(e.target.checked)} />
              {t('group.withPacer')}
            </label>
            <button className="btn primary big" disabled={busy || problem !== null} onClick={start} data-testid="group-start">
              {t('group.start', { n: rows.length })}
            </button>
            {problem !== null && (
              <p className="small muted" data-testid="group-problem" data-problem={problem}>
                {t(`group.problem.${problem}`)}
              </p>
            )}
          </div>
        </Card>
      </div>
      <aside className="side">
        <PacerForm draft={draft} onChange={setDraft} apiIssues={pacerIssues} onApiIssues={setPacerIssues} />
        <ClientDisplayPanel group />
      </aside>
    </div>
  );
}
