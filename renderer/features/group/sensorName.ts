/**
 * A connected sensor's name in the group set-up and console, in the UI's language: a simulator as
 * "Simulator · 10× snelheid" with its spec (two simulators are told apart by it; the core's label is
 * English), a replayed file by `replayLabel`, any other sensor by its device label (port or
 * Bluetooth name) in the UI's language ("CMS50 (nieuw 9-byte-protocol) op /dev/ttyUSB0").
 */
import { sensorLabelText } from '../../../shared/i18n/sessionTexts.js';
import type { ChannelView, Locale } from '../../../shared/ipc/apiTypes.js';
import { replayLabel } from '../../../shared/sensors/replayLabel.js';
import type { Fmt, Params, StringKey } from '../../app/i18n.js';

export interface SensorNameUi {
  t: (key: StringKey, params?: Params) => string;
  fmt: Fmt;
  locale: Locale;
}

export function sensorName(c: ChannelView, { t, fmt, locale }: SensorNameUi): string {
  if (!c.simulated) return c.replay ? replayLabel(c.replay, locale) : sensorLabelText(locale, c.label, c.spec);
  const speed = fmt.num(c.speed, Number.isInteger(c.speed) ? 0 : 1);
  return `${c.speed !== 1 ? t('sensor.simSpeed', { speed }) : t('sensor.simRealTime')} (${c.spec})`;
}
