/**
 * The group display (issue 14) — the client display window during a group session, for a
 * projector or TV: the shared pacer large, a tile per client with their own heart-rate wave and a
 * calm coherence colour (the client's nickname or initials unless the therapist shows names; no clinical numbers), and the
 * optional "group coherence" ring. Type is sized from the viewport height, for reading at 4 m on a
 * 1080p screen. Everything per beat is drawn from each client's live buffers on animation frames.
 * React renders only when what a tile shows changes: the signal quality of any channel arrives once
 * a second, but the display re-renders only when a tile's hint changes, and an unchanged tile is not
 * re-rendered at all (`GroupTile` is memoised on plain props).
 * A group run (no pacer) passes its interval timer as `top`, shown instead of the pacer.
 */
import type { ReactNode } from 'react';
import { groupCoherenceShare, tileLabels } from '../../../shared/group/groupTiles.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { groupLive, useApp } from '../../app/store.js';
import { PacerCanvas } from '../pacer/PacerCanvas.js';
import { usePacerLabels } from '../pacer/usePacerLabels.js';
import { useGroupMetrics } from '../group/useMemberMetrics.js';
import { CoherenceRing } from './CoherenceRing.js';
import { GroupTile, tileHint } from './GroupTile.js';

export function GroupDisplay({ top }: { top?: ReactNode } = {}) {
  const { t } = useT();
  const display = useApp((s) => s.settings.display);
  const members = useApp((s) => s.session.members);
  const clients = useApp((s) => s.clients);
  // One string per render (the tiles' hints, '|'-joined): a new quality second changes it only when a hint changes.
  const hints = useApp((s) => s.session.members.map((m) => tileHint(s.quality[m.channel], m.state === 'ended') ?? '').join('|')).split('|');
  const labels = usePacerLabels();
  const data = members.map((m) => groupLive.get(m.channel));
  const metrics = useGroupMetrics(data);
  const people = members.map((m) => clients.find((c) => c.id === m.clientId));
  const names = people.map((c) => c?.name ?? '');
  // Until the client list has come (a page just opened), a tile has no label rather than '?'.
  const tiles = (display.groupShowsNames ? names : tileLabels(names, people.map((c) => c?.nickname))).map((l, i) => (names[i] ? l : ''));
  const levels = metrics.map((m) => m?.coherenceLevel ?? null);
  const share = groupCoherenceShare(levels.filter((_, i) => members[i]?.state === 'recording'));

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };

  return (
    <div className={`client-display group-display gd-n${members.length}`} data-testid="group-display">
      {top ?? (
        <div className="gd-pacer">
          <PacerCanvas calm visual={display.pacerVisual} audio={false} labels={labels} />
          {display.groupCoherenceRing && <CoherenceRing share={share} />}
        </div>
      )}
      <div className="gd-tiles">
        {members.map((m, i) => (
          <GroupTile
            key={m.channel}
            index={i}
            label={tiles[i] ?? ''}
            level={levels[i] ?? null}
            data={data[i]}
            hint={(hints[i] || null) as StringKey | null}
            showWave={display.clientShowsHeartRate}
          />
        ))}
      </div>
      <button className="cd-fullscreen" onClick={fullscreen} title={t('cd.fullscreen')} aria-label={t('cd.fullscreen')}>
        ⤢
      </button>
    </div>
  );
}
