// Serial-port errors of the operating system (Linux/macOS errno texts, serialport's own messages,
// Windows' "Access denied" / "File not found" …) reach the therapist as a coded fault with a Dutch
// or English sentence to act on; the raw OS text stays a technical detail (params, logs), shown only
// for a fault no class fits. Covers the classifier, the 'port-error' / 'reconnecting' notices, a
// SerialSource losing its port, and the open errors (`serialOpenError`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serialFault, SERIAL_FAULTS, type SerialFault } from '../../../native-adapters/sensors/serialFault.js';
import { serialOpenError } from '../../../native-adapters/sensors/serialOpenError.js';
import { SerialSource, type SerialPortLike } from '../../../native-adapters/sensors/serialSource.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import type { SensorFrame, SensorNotice } from '../../../shared/sensors/frames.js';
import { formatSensorNotice } from '../../../shared/sensors/sensorNotices.js';

/** An OS error as serialport gives it: a message, sometimes Node's errno `code`. */
const osError = (message: string, code?: string): Error => Object.assign(new Error(message), code ? { code } : {});

// [error, when, fault]
const CASES: [Error, 'open' | 'running', SerialFault][] = [
  [osError('ENXIO: no such device or address, read', 'ENXIO'), 'running', 'unplugged'],
  [osError('Error: No such device, cannot open /dev/ttyUSB0'), 'open', 'unplugged'],
  [osError('ENODEV: no such device, read'), 'running', 'unplugged'],
  [osError('Error: Device not configured, cannot get'), 'running', 'unplugged'],
  [osError('Disconnected'), 'running', 'unplugged'],
  [osError('Reading from COM port (ReadIOCompletion): Operation aborted'), 'running', 'unplugged'],
  [osError('Writing to COM port (GetOverlappedResult): Unknown error code 31'), 'running', 'unplugged'],
  [osError('Writing to COM port (GetOverlappedResult): Access denied'), 'running', 'unplugged'],
  [osError('Opening COM3: File not found'), 'running', 'unplugged'],
  [osError('EIO: i/o error, read', 'EIO'), 'running', 'io'],
  [osError('Error: Input/output error, cannot set'), 'running', 'io'],
  [osError('Error Resource temporarily unavailable Cannot lock port'), 'open', 'busy'],
  [osError('Error: Device or resource busy, cannot open /dev/ttyACM0'), 'open', 'busy'],
  [osError('Opening COM3: Access denied'), 'open', 'busy'],
  [osError('EAGAIN: resource temporarily unavailable, write', 'EAGAIN'), 'running', 'busy'],
  [osError('Error: Permission denied, cannot open /dev/ttyUSB0'), 'open', 'permission'],
  [osError('EACCES: permission denied', 'EACCES'), 'running', 'permission'],
  [osError('Error: No such file or directory, cannot open /dev/ttyUSB9'), 'open', 'not-found'],
  [osError('Opening COM9: File not found'), 'open', 'not-found'],
  [osError('ENOENT: no such file or directory', 'ENOENT'), 'running', 'unplugged'],
  [osError('Port is not open'), 'running', 'closed'],
  [osError('EBADF: bad file descriptor, read', 'EBADF'), 'running', 'closed'],
  [osError('Error: Invalid argument, cannot set'), 'open', 'bad-setting'],
  [osError('Open (SetCommState): The parameter is incorrect'), 'open', 'bad-setting'],
  [osError('Error baud rate of 12345 is not supported on your platform'), 'open', 'bad-setting'],
  [osError('Opening COM3: Unknown error code 121'), 'open', 'other'],
  [osError('something odd happened'), 'running', 'other'],
];

// Words of English OS texts and sentences that must not be the Dutch sentence.
const ENGLISH = /\b(the|error|device|denied|access|port is|not open|file|found|unplugged|plug|cable|sensor was|read|input|output|lock|busy|permission|closed|unknown|aborted|such)\b/i;

function notice(code: 'port-error' | 'reconnecting', err: Error, when: 'open' | 'running' = 'running'): SensorNotice {
  const { fault } = serialFault(err, when);
  return code === 'port-error'
    ? { code, params: { port: '/dev/ttyUSB0', message: err.message, cause: fault } }
    : { code, params: { port: '/dev/ttyUSB0', reason: err.message, cause: fault } };
}

describe('serial-port faults: OS text → code → Dutch / English sentence', () => {
  test('errno codes and known serialport / Windows messages are classified', () => {
    for (const [err, when, want] of CASES) assert.equal(serialFault(err, when).fault, want, `${when}: ${err.message}`);
    // The raw text is kept as the detail.
    assert.deepEqual(serialFault(osError('EIO: i/o error, read', 'EIO'), 'running'), { fault: 'io', detail: 'EIO: i/o error, read' });
    // No error at all while running: the port was closed.
    assert.equal(serialFault(undefined, 'running').fault, 'closed');
    // The errno code decides even when the text is translated by the OS.
    assert.equal(serialFault(osError('Gerät oder Adresse nicht gefunden', 'ENXIO'), 'running').fault, 'unplugged');
  });

  test("'port-error' and 'reconnecting': a Dutch sentence per fault, no OS text in it unless no class fits", () => {
    const seenNl = new Set<string>();
    for (const [err, when, fault] of CASES) {
      for (const code of ['port-error', 'reconnecting'] as const) {
        const n = notice(code, err, when);
        const nl = formatSensorNotice(n, 'nl');
        const en = formatSensorNotice(n, 'en');
        assert.match(nl, /\/dev\/ttyUSB0/);
        assert.doesNotMatch(nl, /undefined|\$\{/, nl);
        assert.doesNotMatch(en, /undefined|\$\{/, en);
        if (fault === 'other') {
          // Named as an unexpected error; the OS text only after "technische melding:".
          const [sentence, detail] = nl.split('technische melding: ');
          assert.doesNotMatch(sentence!, ENGLISH, nl);
          assert.ok(detail!.startsWith(err.message), nl);
          assert.match(en, new RegExp(`technical detail: ${err.message.replace(/[()]/g, '\\$&')}`), en);
        } else {
          assert.doesNotMatch(nl, ENGLISH, `${fault}: ${nl}`);
          assert.ok(!nl.includes(err.message) && !en.includes(err.message), `${fault}: the OS text is not the sentence: ${nl} / ${en}`);
          seenNl.add(nl.replace(/^.*?\/dev\/ttyUSB0:? ?/, ''));
        }
      }
    }
    assert.equal(
      formatSensorNotice(notice('reconnecting', osError('ENXIO: no such device or address, read', 'ENXIO')), 'nl'),
      'verbinding met /dev/ttyUSB0 verbroken (de sensor is losgekoppeld of de USB-kabel zit los — sluit hem opnieuw aan); opnieuw verbinden…',
    );
    assert.equal(
      formatSensorNotice(notice('reconnecting', osError('ENXIO: no such device or address, read', 'ENXIO')), 'en'),
      'lost /dev/ttyUSB0 (the sensor was unplugged or its USB cable is loose — plug it in again); reconnecting…',
    );
    assert.equal(
      formatSensorNotice(notice('port-error', osError('Error Resource temporarily unavailable Cannot lock port'), 'open'), 'nl'),
      'fout op de seriële poort /dev/ttyUSB0: de poort is in gebruik door een ander programma — sluit dat programma (bijvoorbeeld de Arduino-IDE)',
    );
    // Every class but 'other' has its own sentence (2 notices each).
    assert.equal(seenNl.size, 2 * (SERIAL_FAULTS.length - 1));
  });

  test('notices without a cause (older recordings, other sources): fixed phrases translated, other OS text only as a detail', () => {
    assert.equal(formatSensorNotice({ code: 'reconnecting', params: { port: 'p', reason: 'port closed' } }, 'nl'), 'verbinding met p verbroken (de poort is gesloten); opnieuw verbinden…');
    assert.equal(formatSensorNotice({ code: 'reconnecting', params: { port: 'p', reason: 'port closed' } }, 'en'), 'lost p (port closed); reconnecting…');
    assert.equal(
      formatSensorNotice({ code: 'port-error', params: { port: 'p', message: 'EIO: i/o error, read' } }, 'nl'),
      'fout op de seriële poort p: onverwachte fout van het besturingssysteem; technische melding: EIO: i/o error, read',
    );
    assert.equal(formatSensorNotice({ code: 'port-error', params: { port: 'p', message: 'EIO: i/o error, read' } }, 'en'), 'serial port error on p: EIO: i/o error, read');
    assert.equal(
      formatSensorNotice({ code: 'reconnecting', params: { port: 'p', reason: 'Disconnected' } }, 'nl'),
      'verbinding met p verbroken (onverwachte fout van het besturingssysteem; technische melding: Disconnected); opnieuw verbinden…',
    );
  });

  test('open errors: each class its coded error; only an unknown one carries the OS text, after "technische melding"', () => {
    const code = (m: string) => serialOpenError('COM3', osError(m)).code;
    assert.equal(code('Opening COM3: Access denied'), 'serial.busy');
    assert.equal(code('Opening COM3: File not found'), 'serial.notFound');
    assert.equal(code('Error: Device or resource busy, cannot open COM3'), 'serial.busy');
    assert.equal(code('Port is not open'), 'serial.deviceGone');
    assert.equal(code('Open (SetCommState): The parameter is incorrect'), 'serial.badSetting');
    const odd = serialOpenError('COM3', osError('Opening COM3: Unknown error code 121'));
    assert.equal(odd.code, 'serial.openFailed');
    assert.deepEqual(odd.params, { port: 'COM3', detail: 'Opening COM3: Unknown error code 121' });
    assert.equal(errorText('nl', odd), 'Kan COM3 niet openen: het besturingssysteem meldt een onverwachte fout (technische melding: Opening COM3: Unknown error code 121).');
    assert.equal(errorText('en', odd), 'cannot open COM3: the operating system reports an unexpected error (technical detail: Opening COM3: Unknown error code 121)');
    assert.equal(errorText('nl', serialOpenError('COM3', osError('Opening COM3: Access denied'))), 'Kan COM3 niet openen: de poort is in gebruik door een ander programma.');
  });
});

/** A port whose 'error' and 'close' listeners the test can fire; reopening fails with `reopenError`. */
function controllablePort(reopenError: Error) {
  const ports: { fire: (ev: 'error' | 'close', err?: Error) => void }[] = [];
  const create = (): SerialPortLike => {
    const first = ports.length === 0;
    const listeners = new Map<string, ((x?: unknown) => void)[]>();
    let open = false;
    const port: SerialPortLike = {
      get isOpen() {
        return open;
      },
      open(cb) {
        if (!first) return queueMicrotask(() => cb(reopenError));
        open = true;
        queueMicrotask(() => cb(null));
      },
      close(cb) {
        open = false;
        cb?.(null);
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
    ports.push({
      fire: (ev, err) => {
        if (ev === 'close') open = false;
        for (const fn of listeners.get(ev) ?? []) fn(err);
      },
    });
    return port;
  };
  return { create, ports };
}

describe('SerialSource: a port error and a lost port are coded', () => {
  test("'port-error' and 'reconnecting' carry the fault as cause, the OS text as message / reason; the state line is English with the detail", async () => {
    const { create, ports } = controllablePort(osError('Opening COM41: File not found'));
    const src = new SerialSource({ path: 'COM41', protocol: 'pulsesensor', createPort: create, listPorts: () => Promise.resolve([]), checkWindowSec: 60, reconnectPollMs: 5000 });
    const frames: SensorFrame[] = [];
    const states: { s: string; msg?: string }[] = [];
    src.on('frame', (f) => frames.push(f));
    src.on('state', (s, msg) => states.push({ s, msg }));
    await src.start();
    try {
      ports[0]!.fire('error', osError('Reading from COM port (ReadIOCompletion): Operation aborted'));
      ports[0]!.fire('close', osError('Writing to COM port (GetOverlappedResult): Access denied'));
      const notices = frames.flatMap((f) => (f.kind === 'status' && f.notice ? [f.notice] : []));
      assert.deepEqual(notices, [
        { code: 'port-error', params: { port: 'COM41', message: 'Reading from COM port (ReadIOCompletion): Operation aborted', cause: 'unplugged' } },
        { code: 'reconnecting', params: { port: 'COM41', reason: 'Writing to COM port (GetOverlappedResult): Access denied', cause: 'unplugged' } },
      ]);
      assert.equal(
        formatSensorNotice(notices[1]!, 'nl'),
        'verbinding met COM41 verbroken (de sensor is losgekoppeld of de USB-kabel zit los — sluit hem opnieuw aan); opnieuw verbinden…',
      );
      const lost = states.find((x) => x.s === 'reconnecting');
      assert.equal(lost?.msg, 'lost COM41 (the sensor was unplugged or its USB cable is loose — plug it in again); reconnecting… [Writing to COM port (GetOverlappedResult): Access denied]');
    } finally {
      await src.stop();
    }
  });

  test('a port closed without an error: cause closed', async () => {
    const { create, ports } = controllablePort(osError('Opening COM42: File not found'));
    const src = new SerialSource({ path: 'COM42', protocol: 'pulsesensor', createPort: create, listPorts: () => Promise.resolve([]), checkWindowSec: 60, reconnectPollMs: 5000 });
    const frames: SensorFrame[] = [];
    src.on('frame', (f) => frames.push(f));
    await src.start();
    try {
      ports[0]!.fire('close');
      const n = frames.flatMap((f) => (f.kind === 'status' && f.notice ? [f.notice] : []));
      assert.deepEqual(n, [{ code: 'reconnecting', params: { port: 'COM42', reason: 'port closed', cause: 'closed' } }]);
      assert.equal(formatSensorNotice(n[0]!, 'nl'), 'verbinding met COM42 verbroken (de poort is gesloten); opnieuw verbinden…');
    } finally {
      await src.stop();
    }
  });
});
