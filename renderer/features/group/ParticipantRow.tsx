/**
 * One participant of the group set-up: the client (and the nickname they chose for the group display), their sensor (connected sensors, sensors found,
 * simulators) with its signal quality, a note when the sensor was remembered for this client, and
 * the reason a sensor could not be connected.
 */
import type { ClientListItem } from '../../../shared/domain/types.js';
import type { ParticipantDraft } from '../../../shared/group/groupSetup.js';
import type { ChannelView, QualityEvent } from '../../../shared/ipc/apiTypes.js';
import { useT } from '../../app/i18n.js';
import { Badge } from '../../ui/Badge.js';
import { qualityIsBad } from '../sensors/QualityIndicator.js';
import { NicknameInput } from './NicknameInput.js';

export interface SensorChoice {
  key: string;
  label: string;
}

export function ParticipantRow({
  index,
  row,
  clients,
  sensors,
  channel,
  quality,
  remembered,
  error,
  busy,
  onClient,
  onSensor,
  onRemove,
}: {
  index: number;
  row: ParticipantDraft;
  clients: readonly ClientListItem[];
  sensors: readonly SensorChoice[];
  channel: ChannelView | undefined;
  quality: QualityEvent | undefined;
  /** The sensor is the one remembered for this client. */
  remembered: boolean;
  error: string | null;
  busy: boolean;
  onClient: (clientId: number | null) => void;
  onSensor: (key: string | null) => void;
  onRemove: (() => void) | null;
}) {
  const { t, fmt } = useT();
  const picked = row.clientId === null ? undefined : clients.find((c) => c.id === row.clientId);
  const pct = quality ? Math.max(0, Math.min(100, quality.qualityPct)) : null;
  const tone = !channel ? 'neutral' : channel.state !== 'connected' ? 'warn' : pct === null ? 'info' : pct >= 75 && !qualityIsBad(quality) ? 'ok' : pct >= 50 ? 'warn' : 'bad';
  return (
    <div className="group-row" data-testid="group-row" data-index={index}>
      <span className="group-row-nr">{index + 1}</span>
      <select value={row.clientId ?? ''} onChange={(e) => onClient(e.target.value === '' ? null : Number(e.target.value))} aria-label={t('group.client', { n: index + 1 })} data-testid={`group-client-${index}`}>
        <option value="">{t('group.pickClient')}</option>
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {picked ? <NicknameInput key={picked.id} index={index} client={picked} /> : <span />}
      <select
        value={row.sensorKey ?? ''}
        disabled={busy}
        onChange={(e) => onSensor(e.target.value === '' ? null : e.target.value)}
        aria-label={t('group.sensor', { n: index + 1 })}
        data-testid={`group-sensor-${index}`}
      >
        <option value="">{t('group.pickSensor')}</option>
        {sensors.map((s) => (
          <option key={s.key} value={s.key}>
            {s.label}
          </option>
        ))}
      </select>
      <span className="group-row-state">
        <Badge tone={tone} testId={`group-quality-${index}`}>
          {!channel ? '–' : channel.state !== 'connected' ? t(`conn.${channel.state}`) : pct === null ? t('quality.waiting') : `${fmt.num(pct)} %`}
        </Badge>
        {remembered && (
          <Badge tone="info" testId={`group-remembered-${index}`}>
            {t('group.remembered')}
          </Badge>
        )}
      </span>
      {onRemove ? (
        <button className="btn small ghost" onClick={onRemove} aria-label={t('group.remove', { n: index + 1 })} data-testid={`group-remove-${index}`}>
          ✕
        </button>
      ) : (
        <span />
      )}
      {error && (
        <p className="field-error group-row-error" role="alert" data-testid={`group-error-${index}`}>
          {error}
        </p>
      )}
    </div>
  );
}
