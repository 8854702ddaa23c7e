/**
 * One connected sensor, saying what it is so two cards are never confused: the simulator and its
 * speed first and prominently ("Simulator · 10× snelheid", with a warning when sped up), else
 * the port or device; the protocol; the measured sample rate; the spec; connection state and what
 * the sensor says. The channel a session records from cannot be disconnected here.
 */
import type { ChannelView } from '../../../shared/ipc/apiTypes.js';
import { sensorLabelText } from '../../../shared/i18n/sessionTexts.js';
import { replayLabel } from '../../../shared/sensors/replayLabel.js';
import { formatSensorNotice, isNoticeProblem } from '../../../shared/sensors/sensorNotices.js';
import { useT } from '../../app/i18n.js';
import { Badge, type Tone } from '../../ui/Badge.js';

const STATE_TONE: Record<string, Tone> = { connected: 'ok', connecting: 'info', reconnecting: 'warn', disconnected: 'neutral', error: 'bad' };

/** "10", "2,5", "0,5": a speed as the UI writes it. */
function speedText(speed: number, num: (v: number, digits?: number) => string): string {
  return num(speed, Number.isInteger(speed) ? 0 : speed < 1 ? 2 : 1);
}

export function SensorCard({ c, recording, onDisconnect, busy }: { c: ChannelView; recording: boolean; onDisconnect: () => void; busy: boolean }) {
  const { t, locale, fmt } = useT();
  const spedUp = c.speed !== 1;
  const speed = speedText(c.speed, fmt.num);
  // Named in the page's language: a replayed file, or the device's label ("CMS50 (nieuw 9-byte-protocol) op /dev/ttyUSB0").
  const name = c.replay ? replayLabel(c.replay, locale) : sensorLabelText(locale, c.label, c.spec);
  return (
    <div className="channel" data-testid="channel" data-state={c.state} data-spec={c.spec} data-speed={c.speed} data-channel={c.channel}>
      <div className="channel-head">
        <Badge tone={STATE_TONE[c.state] ?? 'neutral'} testId="connection-state">
          {t(`conn.${c.state}`)}
        </Badge>
        {c.simulated ? (
          <Badge tone={spedUp ? 'warn' : 'sim'} testId="channel-kind">
            {spedUp ? t('sensor.simSpeed', { speed }) : t('sensor.simRealTime')}
          </Badge>
        ) : (
          <strong className="channel-name" data-testid="channel-kind">
            {name}
          </strong>
        )}
        {!recording && (
          <button className="btn small ghost" disabled={busy} onClick={onDisconnect} data-testid="disconnect">
            {t('sensor.disconnect')}
          </button>
        )}
      </div>
      {spedUp && (
        <div className="small tone-bad" data-testid="speed-warning">
          {t('sensor.speedWarning', { speed })}
        </div>
      )}
      <div className="small muted">{c.simulated ? t('sensor.simLabel') : t('sensor.device', { name })}</div>
      {c.protocol && <div className="small muted">{t('sensor.protocol', { protocol: c.protocol })}</div>}
      <div className="small muted" data-testid="sensor-rate">
        {c.measuredHz !== null ? t('sensor.measuredRate', { hz: fmt.num(c.measuredHz, 2) }) : t('sensor.ratePending')}
      </div>
      <div className="small mono muted" data-testid="channel-spec" lang="zxx" translate="no">
        {c.spec}
      </div>
      {c.notice && (
        <div className={`small ${isNoticeProblem(c.notice.code) ? 'tone-bad' : 'muted'}`} data-testid="sensor-notice">
          {formatSensorNotice(c.notice, locale)}
        </div>
      )}
    </div>
  );
}
