/**
 * One runner of a group run in the console: their name and sensor quality, live heart rate (per beat,
 * on animation frames, from their own channel), the zone it is in by their own Karvonen zones and
 * their Borg 11–13 target zone, their Borg ratings so far, and whether their Borg prompt is open.
 */
import type { ChannelView, QualityEvent } from '../../../shared/ipc/apiTypes.js';
import type { RunnerView } from '../../../shared/ipc/runSessionTypes.js';
import { zoneOf } from '../../../shared/running/heartRateZones.js';
import { useT } from '../../app/i18n.js';
import { LiveHeartRate } from '../../charts/LiveBeatValues.js';
import type { LiveData } from '../../charts/LiveData.js';
import { Badge } from '../../ui/Badge.js';
import { qualityIsBad } from '../sensors/QualityIndicator.js';
import { sensorName } from '../group/sensorName.js';
import { useMemberMetrics } from '../group/useMemberMetrics.js';

export function RunnerRow({ index, runner, name, channel, quality, data }: { index: number; runner: RunnerView; name: string; channel: ChannelView | undefined; quality: QualityEvent | undefined; data: LiveData | undefined }) {
  const ui = useT();
  const { t, fmt } = ui;
  const m = useMemberMetrics(data);
  const ended = runner.endReason !== null;
  const hr = m?.hrBpm ?? null;
  const zone = runner.zones && hr !== null && !ended ? zoneOf(runner.zones, hr) : undefined;
  const pct = quality ? Math.max(0, Math.min(100, quality.qualityPct)) : null;
  const tone = ended ? 'neutral' : pct === null ? 'info' : pct >= 75 && !qualityIsBad(quality) ? 'ok' : pct >= 50 ? 'warn' : 'bad';
  const rated = runner.borg.filter((b) => b.borg !== null).map((b) => b.borg);
  return (
    <tr data-testid="runner-row" data-client={runner.clientId} data-borg-due={runner.borgDue ?? ''} className={ended ? 'member-ended' : ''}>
      <td>
        <div className="member-name">{name}</div>
        <div className="small muted">{channel ? sensorName(channel, ui) : runner.channel}</div>
      </td>
      <td>
        <Badge tone={tone} testId={`runner-quality-${index}`}>
          {ended ? t('grouprun.ended') : pct === null ? t('quality.waiting') : `${fmt.num(pct)} %`}
        </Badge>
      </td>
      <td className="num run-hr-value">
        <LiveHeartRate testId={`runner-hr-${index}`} data={data} />
      </td>
      <td>
        <span className="run-hr-zone" data-zone={zone ?? ''} data-testid={`runner-zone-${index}`}>
          {zone ? t(`run.zone.${zone}`) : '–'}
        </span>
      </td>
      <td className="num" data-testid={`runner-target-${index}`}>
        {runner.zones ? `${fmt.num(runner.zones.targetZone.fromBpm, 0)}–${fmt.num(runner.zones.targetZone.toBpm, 0)}` : '–'}
      </td>
      <td data-testid={`runner-borg-${index}`}>
        {rated.length > 0 ? rated.join(' · ') : '–'}
        {runner.borgDue !== null && (
          <>
            {' '}
            <Badge tone="warn">{t('grouprun.borgDue')}</Badge>
          </>
        )}
      </td>
    </tr>
  );
}
