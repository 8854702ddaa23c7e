/**
 * Console panel: the sensors found (serial, Bluetooth, the simulator); "Connect" REPLACES the
 * connected sensor (while a session records from it, the therapist is asked first: stop the
 * session — it is kept — and replace), "Add sensor" connects one more (groups). Each connected
 * sensor is a `SensorCard` that says what it is (simulator and its speed, port, protocol, rate).
 * A spec the core or the panel refuses is explained next to the field, in the UI's language.
 */
import { useEffect, useState } from 'react';
import type { ValidationIssue } from '../../../shared/domain/validationResult.js';
import type { SensorListView } from '../../../shared/ipc/apiTypes.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { sensorLabelText, simPresetText } from '../../../shared/i18n/sessionTexts.js';
import { usbGuessText } from '../../../shared/i18n/usbGuessText.js';
import { ApiError } from '../../../shared/ipc/contract.js';
import { sensorSpecIssue } from '../../../shared/sensors/sensorSpecIssue.js';
import { api } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { primaryChannel, reloadClients, useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import { issueText } from '../client/issueText.js';
import { QualityIndicator } from './QualityIndicator.js';
import { SensorCard } from './SensorCard.js';

/** A problem with the typed spec found before asking the core (a typed file: path is never sent). */
function localSpecIssue(spec: string): ValidationIssue | null {
  if (/^\s*file:/i.test(spec)) return { field: 'spec', code: 'sensorFileRefused', params: {} };
  return sensorSpecIssue(spec);
}

export function SensorPanel() {
  const { t, locale, fmt } = useT();
  const channels = useApp((s) => s.channels);
  const quality = useApp((s) => s.quality);
  const primary = useApp(primaryChannel);
  const sessionChannel = useApp((s) => s.session.channel);
  const recordingChannel = useApp((s) => (s.session.phase === 'idle' ? null : s.session.channel));
  const defaultSpec = useApp((s) => s.info?.defaultSensorSpec ?? null);
  const desktop = useApp((s) => s.info?.host === 'electron');
  const [list, setList] = useState<SensorListView | null>(null);
  const [spec, setSpecText] = useState('');
  const [specIssue, setSpecIssue] = useState<ValidationIssue | null>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const { busy, run } = useAction();
  const setSpec = (v: string | ((cur: string) => string)) => {
    setSpecIssue(null);
    setConfirmReplace(false);
    setSpecText(v);
  };

  const refresh = () =>
    void run(async () => {
      const l = await api().listSensors();
      setList(l);
      setSpec((cur) => cur || defaultSpec || l.sensors.find((o) => o.kind === 'sim')?.spec || l.sensors[0]?.spec || 'sim');
    });
  useEffect(refresh, []);

  /** Call the core; its field problem on the spec goes next to the field, anything else to the banner. */
  const send = (fn: () => Promise<unknown>) =>
    run(async () => {
      try {
        await fn();
        setSpecIssue(null);
      } catch (e) {
        const issue = e instanceof ApiError ? e.issues.find((i) => i.field === 'spec') : undefined;
        if (!issue) throw e;
        setSpecIssue(issue);
      }
    });

  // A page never names a file: a recording is chosen in the app's own file dialog (main process),
  // which hands back an opaque id; a typed file: path is refused here (and by the core).
  const connect = (mode: 'replace' | 'add') => {
    setConfirmReplace(false);
    const local = localSpecIssue(spec);
    if (local) return setSpecIssue(local);
    const same = channels.find((c) => c.spec === spec.trim());
    // Replacing the sensor a session records from: ask first.
    if (mode === 'replace' && recordingChannel !== null && same?.channel !== recordingChannel) return setConfirmReplace(true);
    void send(() => (mode === 'add' ? api().addSensor(spec) : api().connectSensor(spec)));
  };
  const stopAndReplace = () => {
    setConfirmReplace(false);
    void send(async () => {
      await api().stopSession();
      await reloadClients(api());
      await api().connectSensor(spec);
    });
  };
  const recording = channels.find((c) => c.channel === recordingChannel);
  const recordingLabel = recording ? sensorLabelText(locale, recording.label, recording.spec) : '';

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
          <SensorCard key={c.channel} c={c} recording={c.channel === sessionChannel} busy={busy} onDisconnect={() => void send(() => api().disconnectSensor(c.channel))} />
        ))}
        {primary && <QualityIndicator q={quality[primary]} />}
        <select className="wide" value={options.some((o) => o.spec === spec) || spec === defaultSpec ? spec : ''} onChange={(e) => setSpec(e.target.value)} aria-label={t('sensor.pick')} data-testid="sensor-select">
            <option value="" disabled>
              {t('sensor.pick')}
            </option>
            {hasDefault && <option value={defaultSpec!}>{defaultSpec}</option>}
            {options.map((o) => (
              <option key={o.spec} value={o.spec}>
                {o.kind === 'sim' ? (o.spec === 'sim' ? t('sensor.simOption') : (simPresetText(locale, o.spec) ?? `${t('sensor.simulated')} (${o.spec})`)) : sensorLabelText(locale, o.label, o.spec)}
                {o.detail ? ` — ${usbGuessText(locale, o.detail)}` : ''}
              </option>
            ))}
          </select>
        <div className={specIssue ? 'connect-row field-invalid' : 'connect-row'}>
          <input
            value={spec}
            onChange={(e) => setSpec(e.target.value)}
            aria-label={t('sensor.spec')}
            aria-invalid={specIssue !== null}
            title={t('sensor.specHint')}
            className="mono small"
            data-testid="sensor-spec"
          />
          <button className="btn primary" disabled={busy || !spec} onClick={() => connect('replace')} data-testid="connect">
            {t('sensor.connect')}
          </button>
        </div>
        {specIssue && (
          <p className="field-error" role="alert" data-testid="sensor-spec-error">
            {issueText(specIssue, t, fmt, locale)}
          </p>
        )}
        {confirmReplace && (
          <div className="replace-confirm" role="alertdialog" data-testid="replace-confirm">
            <p className="small">{t('sensor.replaceConfirm', { name: recordingLabel })}</p>
            <div className="buttons">
              <button className="btn danger small" disabled={busy} onClick={stopAndReplace} data-testid="replace-yes">
                {t('sensor.replaceYes')}
              </button>
              <button className="btn small" onClick={() => setConfirmReplace(false)} data-testid="replace-no">
                {t('sensor.replaceNo')}
              </button>
            </div>
          </div>
        )}
        <button className="btn small" disabled={busy || !spec} onClick={() => connect('add')} data-testid="add-sensor">
          {t('sensor.add')}
        </button>
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
