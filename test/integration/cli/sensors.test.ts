import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../support/runCli.js';

// A PATH without udevadm (an empty folder): SerialPort.list() then fails with `spawn udevadm ENOENT`.
const emptyBin = mkdtempSync(join(tmpdir(), 'cadans-nopath-'));
after(() => rmSync(emptyBin, { recursive: true, force: true }));

describe('cadans sensors', { concurrency: true }, () => {
  test('--json without udevadm: the listing says why, the simulator is there, exit 0', async () => {
    const r = await runCli(['sensors', '--json', '--ble-seconds', '0.5'], { env: { PATH: emptyBin } });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'exactly one JSON object');
    const l = JSON.parse(lines[0]!);
    assert.deepEqual(Object.keys(l).sort(), ['ble', 'messages', 'serial', 'sim']);
    assert.deepEqual(l.serial, []);
    assert.ok(Array.isArray(l.ble));
    assert.ok(l.messages.some((m: string) => /udevadm is not installed/.test(m)), JSON.stringify(l.messages));
    assert.ok(l.sim.length >= 1 && l.sim[0].spec === 'sim' && /simulator/i.test(l.sim[0].label));
    // Bluetooth: either devices, or a message that says why there are none.
    if (l.ble.length === 0) assert.ok(l.messages.some((m: string) => /Bluetooth/i.test(m)), JSON.stringify(l.messages));
  });

  test('readable listing without --json', async () => {
    const r = await runCli(['sensors', '--ble-seconds', '0'], { env: { PATH: emptyBin } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Serial ports:\n {2}\(none found\)/);
    assert.match(r.stdout, /--sensor 'sim'/);
    assert.match(r.stdout, /udevadm is not installed/);
  });

  test('bad options → usage error, exit 2', async () => {
    const r = await runCli(['sensors', '--ble-seconds', 'lots']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--ble-seconds must be 0\.\.60/);
  });
});
