/**
 * Console panel: the sensors found (serial, Bluetooth, the simulator), connect/disconnect, the
 * connection state of each channel (the simulator clearly labelled) with what the sensor says
 * (no data, not understood, finger out, reconnecting …, in the UI's language) and the signal quality.
 */
import { useEffect, useState } from 'react';
import type { SensorListView } from '../../../shared/ipc/apiTypes.js';
import { formatSensorNotice, isNoticeProblem } from '../../../shared/sensors/sensorNotices.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { simPresetText } from '../../../shared/i18n/sessionTexts.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { primaryChannel, useApp } from '../../app/store.js';
import { Badge, type Tone } from '../../ui/Badge.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import { QualityIndicator } from './QualityIndicator.js';

const STATE_TONE: Record<string, Tone> = { connected: 'ok', connecting: 'info', reconnecting: 'warn', disconnected: 'neutral', error: 'bad' };

export function SensorPanel() {
  const { t, locale, fmt } = useT();
  const channels = useApp((s) => s.channels);
  const quality = useApp((s) => s.quality);
  const primary = useApp(primaryChannel);
  const sessionChannel = useApp((s) => s.session.channel);
  const defaultSpec = useApp((s) => s.info?.defaultSensorSpec ?? null);
  const desktop = useApp((s) => s.info?.host === 'electron');
  const [list, setList] = useState<SensorListView | null>(null);
  const [spec, setSpec] = useState('');
  const { busy, run } = useAction();

  const refresh = () =>
    void run(async () => {
      const l = await api().listSensors();
      setList(l);
      setSpec((cur) => cur || defaultSpec || l.sensors.find((o) => o.kind === 'sim')?.spec || l.sensors[0]?.spec || 'sim');
    });
  useEffect(refresh, []);

  // A page never names a file: a recording is chosen in the app's own file dialog (main process),
  // which hands back an opaque id; a typed file: path is refused here (and by the core).
  const connect = () =>
    void run(async () => {
      if (/^\s*file:/i.test(spec)) throw new Error(t('sensor.fileByDialog'));
      return api().connectSensor(spec);
    });
  const chooseReplay = () =>
    void run(async () => {
      const opt = await api().chooseReplayFile();
      if (!opt) return;
      setList((l) => (l && !l.sensors.some((o) => o.spec === opt.spec) ? { ...l, sensors: [...l.sensors, opt] } : l));
      setSpec(opt.spec);
    });

  const options = list?.sensors ?? [];
  const hasDefault = defaultSpec !== null && !options.some((o) => o.spec === defaultSpec);

  return (
    <Card
      title={t('sensor.title')}
      testId="sensor-panel"
      actions={
        <button className="btn small" onClick={refresh} disabled={busy}>
          {t('sensor.refresh')}
        </button>
      }
    >
      <div className="stack">
        {channels.map((c) => (
          <div className="channel" key={c.channel} data-testid="channel" data-state={c.state}>
            <div className="channel-head">
              <Badge tone={STATE_TONE[c.state] ?? 'neutral'} testId="connection-state">
                {t(`conn.${c.state}`)}
              </Badge>
              {c.simulated && <Badge tone="sim">{t('sensor.simulated')}</Badge>}
              {c.channel !== sessionChannel && (
                <button className="btn small ghost" onClick={() => void run(() => api().disconnectSensor(c.channel))}>
                  {t('sensor.disconnect')}
                </button>
              )}
            </div>
            <div className="small muted">{c.simulated ? t('sensor.simLabel') : c.label}</div>
            {c.measuredHz !== null && !c.simulated && (
              <div className="small muted" data-testid="sensor-rate">
                {t('sensor.measuredRate', { hz: fmt.num(c.measuredHz, 2) })}
              </div>
            )}
            {c.notice && (
              <div className={`small ${isNoticeProblem(c.notice.code) ? 'tone-bad' : 'muted'}`} data-testid="sensor-notice">
                {formatSensorNotice(c.notice, locale)}
              </div>
            )}
          </div>
        ))}
        {primary && <QualityIndicator q={quality[primary]} />}
        <select className="wide" value={options.some((o) => o.spec === spec) || spec === defaultSpec ? spec : ''} onChange={(e) => setSpec(e.target.value)} aria-label={t('sensor.pick')} data-testid="sensor-select">
            <option value="" disabled>
              {t('sensor.pick')}
            </option>
            {hasDefault && <option value={defaultSpec!}>{defaultSpec}</option>}
            {options.map((o) => (
              <option key={o.spec} value={o.spec}>
                {o.kind === 'sim' ? (o.spec === 'sim' ? t('sensor.simOption') : (simPresetText(locale, o.spec) ?? `${t('sensor.simulated')} (${o.spec})`)) : o.label}
                {o.detail ? ` — ${o.detail}` : ''}
              </option>
            ))}
          </select>
        <div className="connect-row">
          <input value={spec} onChange={(e) => setSpec(e.target.value)} aria-label={t('sensor.spec')} title={t('sensor.specHint')} className="mono small" data-testid="sensor-spec" />
          <button className="btn primary" disabled={busy || !spec} onClick={connect} data-testid="connect">
            {t('sensor.connect')}
          </button>
        </div>
        {desktop && (
          <button className="btn small" disabled={busy} onClick={chooseReplay} data-testid="replay-file">
            {t('sensor.replayFile')}
          </button>
        )}
        {list?.notices.map((m) => (
          <p className="small muted" key={m.code + m.message} data-testid={`sensor-notice-${m.code}`}>
            {errorText(locale, m)}
          </p>
        ))}
      </div>
    </Card>
  );
}
