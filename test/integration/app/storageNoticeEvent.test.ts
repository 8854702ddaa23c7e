// A recording in the app meets a real full disk (a 2-MiB tmpfs filled with a filler file): its
// storage notices reach every page as the contract's `onStorageNotice` event — first "disk full,
// kept in memory", then "saved" once there is room — and the host's own handler (the desktop
// app's dialogs, the CLI's stderr) still gets the same notices. Nothing is lost.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createAppCore } from '../../../main/app/appCore.js';
import type { StorageNotice } from '../../../shared/domain/storageNotices.js';
import { formatStorageNotice } from '../../../shared/domain/storageNotices.js';
import { mountSmallDisk, type SmallDisk } from '../../support/smallDisk.js';

const mounted = mountSmallDisk(2);
const skip = 'skipReason' in mounted ? mounted.skipReason : false;
const disk = mounted as SmallDisk;
after(() => {
  if (!skip) disk.unmount();
});

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('storage notices reach the pages (real full disk)', { skip }, () => {
  test('disk full → onStorageNotice "disk-full" to the page and the host; room again → "saved"; nothing lost', async () => {
    const hostNotices: StorageNotice[] = [];
    const core = await createAppCore({
      dbPath: join(disk.dir, 'app.db'),
      host: 'web',
      sensorSpec: 'sim:speed=4,seed=21',
      bleScanMs: 0,
      heavyWork: 'inline',
      onStorageNotice: (n) => hostNotices.push(n),
    });
    const pageNotices: StorageNotice[] = [];
    core.service.addSink((name, payload) => {
      if (name === 'onStorageNotice') pageNotices.push(payload as StorageNotice);
    });
    try {
      const client = core.service.createClient({ name: 'Vol Schijf' });
      const started = await core.service.startSession({ clientId: client.id, pacer: null });
      const sessionId = started.sessionId!;
      await until('some signal saved', () => core.storage.sessions.require(sessionId).samples > 0, 20_000);
      disk.fill();
      await until('a disk-full notice on the page', () => pageNotices.some((n) => n.code === 'disk-full'), 30_000);
      const full = pageNotices.find((n) => n.code === 'disk-full')!;
      assert.equal(full.sessionId, sessionId);
      assert.ok(full.maxHeldSec! > 0);
      // The page can say it in Dutch and English without "internal error".
      assert.match(formatStorageNotice(full, 'nl', 'app'), /Schijf vol: .* wordt in het geheugen bewaard/);
      assert.doesNotMatch(formatStorageNotice(full, 'en', 'app'), /internal error/i);

      disk.free();
      await until('a saved notice on the page', () => pageNotices.some((n) => n.code === 'saved'), 60_000);
      assert.ok(pageNotices.find((n) => n.code === 'saved')!.heldSec > 0);
      // The host handler got exactly the notices the pages got.
      assert.deepEqual(hostNotices, pageNotices);
      const summary = await core.service.stopSession();
      assert.equal(summary.status, 'complete');
      assert.deepEqual(core.storage.gaps.list(sessionId), [], 'nothing lost: no gap');
    } finally {
      await core.close();
    }
  });
});
