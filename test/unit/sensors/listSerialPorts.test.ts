import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { listSerialPorts, guessProtocol } from '../../../native-adapters/sensors/listSerialPorts.js';

describe('listSerialPorts', () => {
  test('spawn udevadm ENOENT → clear message, no throw', async () => {
    const err = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
    const r = await listSerialPorts(() => Promise.reject(err));
    assert.deepEqual(r, {
      ports: [],
      error: 'cannot list serial ports: udevadm is not installed (Debian package udev); enter the port path by hand',
    });
  });
  test('other failures → message with the cause', async () => {
    const r = await listSerialPorts(() => Promise.reject(new Error('Error listing ports udevadm exited with error code: 1')));
    assert.match(r.error ?? '', /exited with error code: 1\); enter the port path by hand/);
  });
  test('guesses protocols from USB ids', async () => {
    const r = await listSerialPorts(async () => [
      { path: '/dev/ttyUSB0', manufacturer: 'Silicon Labs', vendorId: '10C4', productId: 'EA60' },
      { path: '/dev/ttyACM0', manufacturer: 'Arduino (www.arduino.cc)', vendorId: '2341', productId: '0043' },
      { path: '/dev/ttyS0' },
    ]);
    assert.equal(r.error, undefined);
    assert.equal(r.ports[0].guess?.protocol, 'cms50-9');
    assert.equal(r.ports[1].guess?.protocol, 'pulsesensor');
    assert.deepEqual(r.ports[2], { path: '/dev/ttyS0' });
    assert.equal(guessProtocol('1a86', '7523')?.protocol, 'pulsesensor');
    assert.equal(guessProtocol('1a86', '5523'), undefined);
    assert.equal(guessProtocol(undefined, undefined), undefined);
  });
  test('the real SerialPort.list() never throws', async () => {
    const r = await listSerialPorts();
    assert.ok(Array.isArray(r.ports));
    if (r.error) assert.match(r.error, /enter the port path by hand/);
  });
});
