// The heavy-work worker (see heavyWork.ts): RR-file analysis, reports and exports off the main
// thread. Reports and exports read the records through this worker's own read-only connection,
// opened on the first such call; nothing here writes to the records.
import { parentPort, workerData } from 'node:worker_threads';
import { codedMessage } from '../../shared/i18n/CadansError.js';
import { openStorage, type Storage } from '../storage/storage.js';
import type { FromHeavyWorker, ToHeavyWorker } from './heavyWork.js';
import { prepareRrImport } from './recordImport.js';
import { buildSessionExport } from './recordExport.js';
import { renderReport } from './reportCalls.js';

const port = parentPort;
if (!port) throw new Error('heavyWorker must run in a worker thread');
const { dbPath, key } = workerData as { dbPath: string; key: string | null };

let storage: Storage | null = null;

/** The read-only connection (opened once; no consistency check: the app checked the file on open). */
function records(): Storage {
  storage ??= openStorage(dbPath, { readonly: true, check: 'none', key });
  return storage;
}

class StorageUnavailable extends Error {}

port.on('message', (m: ToHeavyWorker) => {
  try {
    switch (m.task) {
      case 'rr': {
        const r = prepareRrImport(m.text, m.type, m.source);
        port.postMessage({ type: 'done', id: m.id, value: r } satisfies FromHeavyWorker, r.ok ? [r.ibiMs.buffer as ArrayBuffer] : []);
        return;
      }
      case 'report':
      case 'export': {
        let s: Storage;
        try {
          s = records();
        } catch (e) {
          throw new StorageUnavailable((e as Error).message);
        }
        const value = m.task === 'report' ? renderReport(s, m.req, m.locale, new Date(m.nowMs)) : buildSessionExport(s, m.sessionId, m.format);
        port.postMessage({ type: 'done', id: m.id, value } satisfies FromHeavyWorker);
        return;
      }
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const coded = codedMessage(err);
    port.postMessage({
      type: 'failed',
      id: m.id,
      name: err.name,
      message: err.message,
      storageUnavailable: err instanceof StorageUnavailable,
      ...(coded.code === 'error.unknown' ? {} : { code: coded.code, params: coded.params }),
    } satisfies FromHeavyWorker);
  }
});
port.postMessage({ type: 'ready' } satisfies FromHeavyWorker);
