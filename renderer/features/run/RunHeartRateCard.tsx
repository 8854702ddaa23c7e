/**
 * Live heart rate on the run screen with the client's Karvonen zones as a band (the Borg 11–13
 * target zone marked) and the zone the heart rate is in. The number and the marker are written to
 * the DOM from the live metrics (`liveData`), never through React state.
 */
import { useEffect, useRef } from 'react';
import { zoneOf, type HeartRateZones } from '../../../shared/running/heartRateZones.js';
import { useT } from '../../app/i18n.js';
import { liveData } from '../../app/store.js';
import { Card } from '../../ui/Card.js';

export function RunHeartRateCard({ zones, restSource }: { zones: HeartRateZones | null; restSource: 'entered' | 'lastSession' | null }) {
  const { t, fmt } = useT();
  const hrRef = useRef<HTMLSpanElement>(null);
  const zoneRef = useRef<HTMLSpanElement>(null);
  const markRef = useRef<HTMLDivElement>(null);
  const lo = zones ? zones.hrRestBpm : 0;
  const hi = zones ? zones.hrMaxBpm : 1;
  const pos = (bpm: number): number => Math.min(100, Math.max(0, (100 * (bpm - lo)) / (hi - lo)));
  useEffect(() => {
    const show = () => {
      const hr = liveData.metrics?.hrBpm ?? null;
      if (hrRef.current) hrRef.current.textContent = hr === null ? '—' : String(Math.round(hr));
      const z = zones && hr !== null ? zoneOf(zones, hr) : undefined;
      if (zoneRef.current) {
        zoneRef.current.textContent = z ? t(`run.zone.${z}`) : hr === null ? t('run.noHr') : '';
        zoneRef.current.dataset.zone = z ?? '';
      }
      if (markRef.current) {
        markRef.current.style.left = `${hr === null ? 0 : pos(hr)}%`;
        markRef.current.hidden = hr === null || !zones;
      }
    };
    show();
    return liveData.subscribeMetrics(show);
  }, [zones, t]);
  return (
    <Card title={t('run.hr')} testId="run-hr" className="run-hr">
      <div className="run-hr-now">
        <span ref={hrRef} className="run-hr-value" data-testid="run-hr-value">
          —
        </span>
        <span className="run-hr-unit">/min</span>
        <span ref={zoneRef} className="run-hr-zone" data-testid="run-hr-zone" />
      </div>
      {zones ? (
        <>
          <div className="run-zone-band" data-testid="run-zone-band">
            {zones.zones.map((z) => (
              <div key={z.id} className={`run-zone run-zone-${z.id}`} style={{ left: `${pos(z.fromBpm)}%`, width: `${pos(Number.isFinite(z.toBpm) ? z.toBpm : hi) - pos(z.fromBpm)}%` }} title={t(`run.zone.${z.id}`)} />
            ))}
            <div className="run-zone-target" style={{ left: `${pos(zones.targetZone.fromBpm)}%`, width: `${pos(zones.targetZone.toBpm) - pos(zones.targetZone.fromBpm)}%` }} />
            <div ref={markRef} className="run-zone-mark" hidden />
          </div>
          <p className="run-target" data-testid="run-target">
            {t('run.target', { from: fmt.num(zones.targetZone.fromBpm, 0), to: fmt.num(zones.targetZone.toBpm, 0) })}
          </p>
          <p className="small muted">
            {t('run.zonesBasis', {
              rest: fmt.num(zones.hrRestBpm, 0),
              max: fmt.num(zones.hrMaxBpm, 0),
              restSource: t(restSource === 'entered' ? 'run.restEntered' : 'run.restLastSession'),
              maxSource: t(zones.hrMaxSource === 'entered' ? 'run.maxEntered' : 'run.maxTanaka'),
            })}
          </p>
        </>
      ) : (
        <p className="small muted">{t('run.noZones')}</p>
      )}
    </Card>
  );
}
