// An unplugged serial device whose open port is never told (no 'close', no error): the silent
// port's path has gone, so SerialSource closes it itself and says "reconnecting" (seen once in CI:
// a pseudo-terminal whose other end went away left the port open and silent for over 8 s).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialSource, type SerialPortLike } from '../../../native-adapters/sensors/serialSource.js';
import type { SensorFrame, SensorNotice } from '../../../shared/sensors/frames.js';

/** Ports that open while `path` exists, send nothing, and (like serialport) emit 'close' when closed. */
function silentPorts(path: string) {
  const opened: { closedByUs: boolean }[] = [];
  const create = (): SerialPortLike => {
    const listeners = new Map<string, ((x?: unknown) => void)[]>();
    const rec = { closedByUs: false };
    let open = false;
    const port: SerialPortLike = {
      get isOpen() {
        return open;
      },
      open(cb) {
        let ok = true;
        try {
          writeFileSync(path, '', { flag: 'r+' });
        } catch {
          ok = false;
        }
        if (ok) {
          open = true;
          opened.push(rec);
        }
        queueMicrotask(() => cb(ok ? null : new Error(`Error: No such file or directory, cannot open ${path}`)));
      },
      close(cb) {
        open = false;
        rec.closedByUs = true;
        queueMicrotask(() => {
          cb?.(null);
          for (const fn of listeners.get('close') ?? []) fn(null);
        });
      },
      write: () => true,
      on(ev: string, fn: (x: never) => void) {
        listeners.set(ev, [...(listeners.get(ev) ?? []), fn as unknown as (x?: unknown) => void]);
        return port;
      },
      removeAllListeners() {
        listeners.clear();
        return port;
      },
    };
    return port;
  };
  return { create, opened };
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) assert.fail(`no ${what} within ${ms} ms`);
    await sleep(20);
  }
}

describe('SerialSource: a device path that disappears under a silent port', () => {
  test('the port is closed and "reconnecting" said; the device is opened again when its path is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadans-gone-'));
    const path = join(dir, 'ttyACM0');
    writeFileSync(path, '');
    const { create, opened } = silentPorts(path);
    const src = new SerialSource({ path, protocol: 'pulsesensor', createPort: create, listPorts: () => Promise.resolve([]), checkWindowSec: 1, reconnectPollMs: 50 });
    const notices: SensorNotice[] = [];
    src.on('frame', (f: SensorFrame) => {
      if (f.kind === 'status' && f.notice) notices.push(f.notice);
    });
    await src.start();
    try {
      const codes = (): string[] => notices.map((n) => n.code);
      await until("a 'no-data' notice", () => codes().includes('no-data'), 5000);
      // Silent, but the device is still there: the port stays open.
      await sleep(700);
      assert.ok(!codes().includes('reconnecting'), codes().join(', '));
      assert.equal(opened.length, 1);
      assert.equal(opened[0]!.closedByUs, false);

      rmSync(path);
      await until("a 'reconnecting' notice", () => codes().includes('reconnecting'), 5000);
      assert.equal(opened[0]!.closedByUs, true, 'the silent port was closed');
      const lost = notices.find((n) => n.code === 'reconnecting')!;
      assert.equal(lost.params?.cause, 'unplugged', JSON.stringify(lost));
      assert.match(String(lost.params?.reason), /ENOENT/);

      writeFileSync(path, '');
      await until("a 'reconnected' notice", () => codes().includes('reconnected'), 5000);
      assert.equal(opened.length, 2, 'opened again');
    } finally {
      await src.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
