/** The pacer's phase labels in the current language, and its rate line. */
import { useT } from '../../app/i18n.js';

export function usePacerLabels() {
  const { t, fmt } = useT();
  return {
    in: t('pacer.phase.in'),
    'hold-in': t('pacer.phase.hold'),
    out: t('pacer.phase.out'),
    'hold-out': t('pacer.phase.hold'),
    idle: t('pacer.idle'),
    paused: t('pacer.paused'),
    finished: t('pacer.finished'),
    rate: (rateBpm: number) => t('pacer.rateLine', { rate: fmt.num(rateBpm, 1) }),
  };
}
