/**
 * A connected sensor's name in the group set-up and console, in the UI's language: a simulator as
 * "Simulator · 10× snelheid" with its spec (two simulators are told apart by it; the core's label is
 * English), any other sensor by its device label (port or Bluetooth name).
 */
import type { ChannelView } from '../../../shared/ipc/apiTypes.js';
import type { Fmt, Params, StringKey } from '../../app/i18n.js';

export function sensorName(c: ChannelView, t: (key: StringKey, params?: Params) => string, fmt: Fmt): string {
  if (!c.simulated) return c.label;
  const speed = fmt.num(c.speed, Number.isInteger(c.speed) ? 0 : 1);
  return `${c.speed !== 1 ? t('sensor.simSpeed', { speed }) : t('sensor.simRealTime')} (${c.spec})`;
}
