/**
 * Review of a saved session: its summary and the recording in the live charts' form, scrollable
 * over the whole session (a window of 1–10 minutes or the whole session, moved with a slider).
 */
import { useEffect, useState } from 'react';
import type { SessionReviewData } from '../../../shared/ipc/apiTypes.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { showError } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { Segmented } from '../../ui/Segmented.js';
import { MarkerList } from './MarkerList.js';
import { ReviewCharts } from './ReviewCharts.js';
import { SessionNotesCard } from './SessionNotesCard.js';
import { SummaryNumbers } from './SessionSummaryCard.js';

const WINDOWS = [60, 120, 300, 600, 0] as const;

export function ReviewScreen({ sessionId }: { sessionId: number }) {
  const { t, fmt, locale } = useT();
  const [d, setD] = useState<SessionReviewData | null>(null);
  const [win, setWin] = useState<number>(120);
  const [pos, setPos] = useState(0);

  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    if (version === 0) setD(null);
    api()
      .getSessionReview(sessionId)
      .then((r) => live && setD(r), showError);
    return () => {
      live = false;
    };
  }, [sessionId, version]);

  if (!d) return <p className="muted pad">{t('common.loading')}</p>;
  const total = Math.max(1, d.summary.durationSec);
  const width = win === 0 || win >= total ? total : win;
  const maxPos = Math.max(0, total - width);
  const x0 = Math.min(pos, maxPos);
  const x1 = x0 + width;

  return (
    <div className="review" data-testid="review">
      <Card
        title={t('review.title', { name: d.client.name })}
        actions={
          <button className="btn small" onClick={() => navigate(`#/clients/${d.client.id}`)}>
            {t('review.back')}
          </button>
        }
      >
        <p className="small muted">
          {fmt.dateTime(d.summary.startedAt)} · {t(`type.${d.summary.type}`)} · {t(`status.${d.summary.status}`)}
        </p>
        <SummaryNumbers s={d.summary} />
      </Card>
      <SessionNotesCard sessionId={sessionId} notes={d.summary.notes} onSaved={(notes) => setD({ ...d, summary: { ...d.summary, notes } })} />
      <div className="review-nav">
        <Segmented
          label={t('chart.window')}
          value={win}
          options={WINDOWS.map((w) => ({ value: w, label: w === 0 ? t('review.whole') : t('chart.minutes', { n: w / 60 }) }))}
          onChange={setWin}
        />
        <input
          type="range"
          className="scroller"
          min={0}
          max={maxPos}
          step={1}
          value={x0}
          disabled={maxPos === 0}
          onChange={(e) => setPos(Number(e.target.value))}
          aria-label={t('review.scroll')}
          data-testid="review-scroll"
        />
        <span className="mono small">
          {fmt.duration(x0)} – {fmt.duration(x1)} / {fmt.duration(total)}
        </span>
      </div>
      <ReviewCharts key={locale} d={d} x0={x0} x1={x1} />
      {d.markers.length > 0 && (
        <MarkerList
          markers={d.markers}
          onJump={(tSec) => setPos(Math.max(0, tSec - width / 2))}
          onChanged={async () => setVersion((v) => v + 1)}
        />
      )}
    </div>
  );
}
