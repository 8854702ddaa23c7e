/**
 * Connected sensors that no participant has yet — e.g. a clip that just started streaming: offered
 * as the client it is remembered for ("recognised by the sensor"), else as a new participant.
 */
import type { ClientListItem } from '../../../shared/domain/types.js';
import type { ChannelView } from '../../../shared/ipc/apiTypes.js';
import { useT } from '../../app/i18n.js';
import { sensorName } from './sensorName.js';

export function NewcomerList({
  newcomers,
  knownClient,
  full,
  onAdd,
}: {
  newcomers: readonly ChannelView[];
  knownClient: (c: ChannelView) => ClientListItem | null;
  full: boolean;
  onAdd: (c: ChannelView, clientId: number | null) => void;
}) {
  const ui = useT();
  const { t } = ui;
  if (newcomers.length === 0) return null;
  return (
    <ul className="group-newcomers" data-testid="group-newcomers">
      {newcomers.map((c) => {
        const known = knownClient(c);
        return (
          <li key={c.channel} data-testid="group-newcomer" data-spec={c.spec}>
            <span>{known ? t('group.recognised', { name: known.name, sensor: sensorName(c, ui) }) : t('group.newcomer', { sensor: sensorName(c, ui) })}</span>
            <button className="btn small" disabled={full} onClick={() => onAdd(c, known?.id ?? null)} data-testid="group-newcomer-add">
              {t('group.addNewcomer')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
