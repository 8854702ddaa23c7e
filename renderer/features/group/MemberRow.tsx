/**
 * One client of the running group in the therapist console: signal quality (and the ear-clip hint
 * when it fails), heart rate and HR–pacer phase (per beat, on animation frames), coherence and
 * breathing rate (twice a second), their markers, and a marker for this client alone.
 */
import type { ChannelView, GroupMemberView, QualityEvent } from '../../../shared/ipc/apiTypes.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { LiveHeartRate } from '../../charts/LiveBeatValues.js';
import type { LiveData } from '../../charts/LiveData.js';
import { Badge } from '../../ui/Badge.js';
import { qualityIsBad } from '../sensors/QualityIndicator.js';
import { MemberPhase } from './MemberPhase.js';
import { sensorName } from './sensorName.js';
import { useMemberMetrics } from './useMemberMetrics.js';

/** Why a member stopped early, as a UI string key. */
function endKey(reason: string | null): StringKey {
  const key = `group.end.${reason ?? ''}`;
  return hasKey(key) ? key : 'group.end.other';
}

export function MemberRow({
  index,
  member,
  name,
  channel,
  quality,
  data,
  markers,
  busy,
  onMarker,
}: {
  index: number;
  member: GroupMemberView;
  name: string;
  channel: ChannelView | undefined;
  quality: QualityEvent | undefined;
  data: LiveData | undefined;
  markers: number;
  busy: boolean;
  onMarker: () => void;
}) {
  const ui = useT();
  const { t, fmt } = ui;
  const m = useMemberMetrics(data);
  const ended = member.state === 'ended';
  const pct = quality ? Math.max(0, Math.min(100, quality.qualityPct)) : null;
  const tone = ended ? 'neutral' : pct === null ? 'info' : pct >= 75 && !qualityIsBad(quality) ? 'ok' : pct >= 50 ? 'warn' : 'bad';
  const hint = !ended && quality?.hint && qualityIsBad(quality) && hasKey(`hint.${quality.hint}`) ? t(`hint.${quality.hint}` as StringKey) : null;
  const level = m?.coherenceLevel ?? null;
  return (
    <tr data-testid="member-row" data-client={member.clientId} data-state={member.state} className={ended ? 'member-ended' : ''}>
      <td>
        <div className="member-name">{name}</div>
        <div className="small muted">{channel ? sensorName(channel, ui) : member.channel}</div>
      </td>
      <td>
        <Badge tone={tone} testId={`member-quality-${index}`}>
          {ended ? t(endKey(member.endReason)) : pct === null ? t('quality.waiting') : `${fmt.num(pct)} %`}
        </Badge>
        {hint && (
          <div className="small tone-bad" data-testid={`member-hint-${index}`}>
            {hint}
          </div>
        )}
      </td>
      <td className="num">
        <LiveHeartRate testId={`member-hr-${index}`} data={data} />
      </td>
      <td>
        <span className={`level level-${level ?? 'none'}`} data-testid={`member-coherence-${index}`} data-level={level ?? 'none'}>
          {level ? t(`level.${level}`) : '–'} {m?.coherenceRatio != null ? fmt.num(m.coherenceRatio, 1) : ''}
        </span>
      </td>
      <td className="num" data-testid={`member-breathing-${index}`}>
        {fmt.num(m?.respirationBpm ?? null, 1)}
      </td>
      <td className="num">
        <MemberPhase data={data} testId={`member-phase-${index}`} />
      </td>
      <td className="num" data-testid={`member-markers-${index}`}>
        {markers}
      </td>
      <td>
        <button className="btn small" disabled={busy || ended} onClick={onMarker} data-testid={`member-marker-${index}`}>
          {t('group.markerOne')}
        </button>
      </td>
    </tr>
  );
}
