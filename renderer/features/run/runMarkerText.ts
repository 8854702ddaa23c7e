/** A live run session's markers in words for the review's marker list (see shared/running/runMarkerInfo.ts); null for other markers. */
import type { Marker } from '../../../shared/domain/types.js';
import { runMarkerInfo } from '../../../shared/running/runMarkerInfo.js';
import type { Params, StringKey } from '../../app/i18n.js';

export function runMarkerText(m: Pick<Marker, 'kind' | 'note'>, t: (key: StringKey, params?: Params) => string): string | null {
  const info = runMarkerInfo(m);
  if (!info) return null;
  const n = info.blockIndex + 1;
  if (info.what === 'borg') {
    const talk = info.talkTest === true ? t('run.marker.talkYes') : info.talkTest === false ? t('run.marker.talkNo') : '—';
    return t('run.marker.borg', { n, borg: info.borg === null ? '—' : String(info.borg), talk });
  }
  if (info.kind === 'borg') return t('run.marker.borgPrompt', { n });
  if (info.kind === 'end') return t('run.marker.end');
  return t('run.marker.block', { n, kind: t(`run.kind.${info.kind}`) });
}
