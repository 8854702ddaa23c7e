/**
 * What a recording's storage notices say on the live screen (the contract's `onStorageNotice`):
 * a warning while the disk is full — the data is kept in memory and saved as soon as there is
 * room — and a confirmation once it is saved, in the UI language (`formatStorageNotice`, the
 * sentences `cadans record` prints too). Never an "internal error"; the newest notice replaces
 * the one before until the therapist closes it.
 */
import { formatStorageNotice } from '../../../shared/domain/storageNotices.js';
import { useT } from '../../app/i18n.js';
import { setState, useApp } from '../../app/store.js';

const GOOD = new Set(['saved', 'overflow-saved']);

export function StorageBanner() {
  const { t, locale } = useT();
  const notice = useApp((s) => s.storageNotice);
  if (!notice) return null;
  const good = GOOD.has(notice.code);
  return (
    <div className={good ? 'storage-banner ok' : 'storage-banner'} role={good ? 'status' : 'alert'} data-testid="storage-notice" data-code={notice.code}>
      <div>
        <strong>{t('storage.bannerTitle')}</strong>
        <p>{formatStorageNotice(notice, locale, 'app')}</p>
      </div>
      <button className="btn small ghost" onClick={() => setState({ storageNotice: null })} data-testid="storage-notice-close">
        {t('common.close')}
      </button>
    </div>
  );
}
