// Issue 13: a serial sensor's protocol named in the user's language wherever it is shown — the
// 'protocol-detected' and 'not-understood' notices (sensor card, cadans monitor/record), the sensor
// labels of the group screen, the sensor picker and the report. The notice keeps its English
// `protocol` (the `cadans monitor --json` field) and adds `protocolCode`, by which it is translated;
// an older notice without it is translated from the English name.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { GUESSES } from '../../../native-adapters/sensors/listSerialPorts.js';
import { SerialSource } from '../../../native-adapters/sensors/serialSource.js';
import { channelLabelText, protocolName, sensorLabelText } from '../../../shared/i18n/sessionTexts.js';
import type { SensorFrame, SensorNotice } from '../../../shared/sensors/frames.js';
import { formatSensorNotice } from '../../../shared/sensors/sensorNotices.js';
import { usbGuessText } from '../../../shared/i18n/usbGuessText.js';
import { DeviceEmulator } from '../../support/emulators/deviceEmulator.js';
import { EmulatedPort } from '../../support/emulators/emulatedPort.js';
import { foreignWords, languageWords, type LanguageWords } from '../../support/languageWords.js';

let words: LanguageWords;
before(async () => {
  words = await languageWords();
});

const detected = (protocol: string, protocolCode: string | undefined, baud: number): SensorNotice => ({
  code: 'protocol-detected',
  params: { protocol, ...(protocolCode ? { protocolCode } : {}), baud },
});

describe('serial protocol names in Dutch and English', () => {
  test("'herkend als' names a CMS50 9-byte and a PulseSensor in Dutch; English unchanged", () => {
    const cms = detected('CMS50 (new 9-byte protocol)', 'cms50-9', 115200);
    assert.equal(formatSensorNotice(cms, 'nl'), 'herkend als CMS50 (nieuw 9-byte-protocol) op 115200 baud');
    assert.equal(formatSensorNotice(cms, 'en'), 'recognised as CMS50 (new 9-byte protocol) at 115200 baud');
    const pulse = detected('PulseSensor', 'pulsesensor', 115200);
    assert.equal(formatSensorNotice(pulse, 'nl'), 'herkend als PulseSensor op 115200 baud');
    const old = detected('CMS50 (old 5-byte protocol)', 'cms50-5', 19200);
    assert.equal(formatSensorNotice(old, 'nl'), 'herkend als CMS50 (oud 5-byte-protocol) op 19200 baud');
    assert.equal(formatSensorNotice(detected('CSV sensor', 'csv', 9600), 'nl'), 'herkend als CSV-sensor op 9600 baud');
    // A notice from before `protocolCode` (a stored log, an older core): from the English name.
    assert.equal(formatSensorNotice(detected('CMS50 (new 9-byte protocol)', undefined, 115200), 'nl'), 'herkend als CMS50 (nieuw 9-byte-protocol) op 115200 baud');
    for (const n of [cms, pulse, old]) assert.deepEqual(foreignWords(formatSensorNotice(n, 'nl'), words.onlyEn), []);
  });

  test("'not-understood' names the protocol in Dutch", () => {
    const n: SensorNotice = {
      code: 'not-understood',
      params: { port: '/dev/ttyUSB0', protocol: 'CMS50 (old 5-byte protocol)', protocolCode: 'cms50-5', baud: 19200, bytes: 300, seconds: 3, readings: 0, badPct: 100 },
    };
    const nl = formatSensorNotice(n, 'nl');
    assert.match(nl, /^de gegevens van \/dev\/ttyUSB0 zijn niet te lezen als CMS50 \(oud 5-byte-protocol\) op 19200 baud/);
    assert.deepEqual(foreignWords(nl, words.onlyEn), [], nl);
    assert.match(formatSensorNotice(n, 'en'), /not understood as CMS50 \(old 5-byte protocol\) at 19200 baud/);
  });

  test('sensor labels: a numbered CSV sensor, a listed board, a connected channel', () => {
    assert.equal(sensorLabelText('nl', 'CSV sensor 2 of 3 on /dev/ttyACM0', 'serial:/dev/ttyACM0'), 'CSV-sensor 2 van 3 op /dev/ttyACM0');
    assert.equal(sensorLabelText('nl', 'CSV sensor 2 on /dev/ttyACM0', 'serial:/dev/ttyACM0?sensor=1'), 'CSV-sensor 2 op /dev/ttyACM0');
    assert.equal(channelLabelText('nl', { label: 'CMS50 (new 9-byte protocol) on COM3', spec: 'serial:COM3', kind: 'serial' }), 'CMS50 (nieuw 9-byte-protocol) op COM3');
    assert.equal(channelLabelText('en', { label: 'CMS50 (new 9-byte protocol) on COM3', spec: 'serial:COM3', kind: 'serial' }), 'CMS50 (new 9-byte protocol) on COM3');
    assert.equal(protocolName('nl', 'unknown-proto', undefined), 'unknown-proto');
  });

  test('a SerialSource that detects a CMS50 9-byte: the notice keeps its English protocol, adds protocolCode, reads Dutch', async () => {
    const emu = new DeviceEmulator({ device: 'cms50-9', seed: 2 });
    const t0 = performance.now();
    const clock = (): number => (performance.now() - t0) / 1000;
    const src = new SerialSource({
      path: '/dev/fake',
      protocol: 'auto',
      createPort: (o) => new EmulatedPort(emu, o, clock),
      listPorts: () => Promise.resolve([]),
      probeListenMs: 1000,
      checkWindowSec: 60,
    });
    const frames: SensorFrame[] = [];
    src.on('frame', (f) => frames.push(f));
    try {
      await src.start();
      const notice = frames.flatMap((f) => (f.kind === 'status' && f.notice?.code === 'protocol-detected' ? [f.notice] : []))[0];
      assert.ok(notice, 'protocol-detected notice');
      assert.equal(notice.params?.protocol, 'CMS50 (new 9-byte protocol)', 'the --json field stays English');
      assert.equal(notice.params?.protocolCode, 'cms50-9');
      assert.match(formatSensorNotice(notice, 'nl'), /^herkend als CMS50 \(nieuw 9-byte-protocol\) op \d+ baud$/);
    } finally {
      await src.stop();
    }
  });
});

describe('USB guesses in the sensor picker and cadans sensors', () => {
  test('every guess with words in it reads Dutch without English words; English and names unchanged', () => {
    for (const { guess } of GUESSES) {
      const nl = usbGuessText('nl', guess.reason);
      assert.equal(usbGuessText('en', guess.reason), guess.reason);
      assert.deepEqual(foreignWords(nl, words.onlyEn), [], nl);
    }
    assert.equal(usbGuessText('nl', 'CH340 USB-serial (Arduino clone)'), 'CH340 USB-serieel (Arduino-kloon)');
    assert.equal(usbGuessText('nl', 'Arduino'), 'Arduino');
    assert.equal(usbGuessText('nl', '-60 dBm'), '-60 dBm');
  });
});
