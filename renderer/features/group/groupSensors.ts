/**
 * The sensors a group participant can be given: the connected ones, the ones the sensor list found
 * (serial, Bluetooth, simulator presets) and a simulator per place in the group (`sim:seed=N`: each
 * its own physiology), plus any remembered sensor not found now (it is tried when chosen).
 */
import type { ChannelView, SensorListView } from '../../../shared/ipc/apiTypes.js';
import { GROUP_MAX } from '../../../shared/group/groupSetup.js';
import type { SensorChoice } from './ParticipantRow.js';

export function sensorChoices(
  channels: readonly ChannelView[],
  list: SensorListView | null,
  extraKeys: readonly string[],
  label: { sim: (n: number) => string; listed: (o: SensorListView['sensors'][number]) => string; channel: (c: ChannelView) => string },
): SensorChoice[] {
  const out = new Map<string, SensorChoice>();
  const add = (key: string, text: string): void => {
    if (!out.has(key)) out.set(key, { key, label: text });
  };
  for (const c of channels) add(c.spec, label.channel(c));
  for (const o of list?.sensors ?? []) if (o.spec !== 'sim') add(o.spec, label.listed(o));
  for (let n = 1; n <= GROUP_MAX; n++) add(`sim:seed=${n}`, label.sim(n));
  for (const k of extraKeys) add(k, k);
  // Two sensors with the same label (e.g. two simulators) are told apart by their spec.
  const all = [...out.values()];
  const count = new Map<string, number>();
  for (const c of all) count.set(c.label, (count.get(c.label) ?? 0) + 1);
  return all.map((c) => (count.get(c.label)! > 1 ? { ...c, label: `${c.label} — ${c.key}` } : c));
}
