// Sensor diagnoses next to the sensor (sensor panel) and on `cadans monitor` stderr, in Dutch with no
// English left in them, and in English: unreadable BLE heart-rate / PMD messages as their parsers
// report them, CSV lines without a time column, a PulseSensor sketch whose begin() failed (bare
// `!`), a lost serial port or Bluetooth link.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHeartRateMeasurement } from '../../../shared/sensors/bleHeartRate.js';
import type { SensorFrame, SensorNotice, SensorNoticeCode, StatusFrame } from '../../../shared/sensors/frames.js';
import { parsePmdDataFrame } from '../../../shared/sensors/polarPmdData.js';
import { SerialFrameAssembler } from '../../../shared/sensors/serialFrameAssembler.js';
import { formatSensorNotice } from '../../../shared/sensors/sensorNotices.js';
import { ascii } from './hex.js';

// Words of the English sentences (and parser details) that must not reach a Dutch screen.
const ENGLISH = /\b(the|sensor says|messages?|unreadable|short|too|bytes?|frame|flags|failed|lines?|carry|time column|set|source|port closed|connection|lost|sketch says)\b/i;
const noticesOf = (out: SensorFrame[]): SensorNotice[] =>
  out.filter((f): f is StatusFrame => f.kind === 'status' && f.notice !== undefined).map((f) => f.notice!);

function both(n: SensorNotice): { nl: string; en: string } {
  const nl = formatSensorNotice(n, 'nl');
  const en = formatSensorNotice(n, 'en');
  assert.doesNotMatch(nl, ENGLISH, nl);
  assert.doesNotMatch(nl, /undefined|\$\{/, nl);
  assert.doesNotMatch(en, /undefined|\$\{/, en);
  return { nl, en };
}

describe('sensor notices in Dutch and English', () => {
  test('an unreadable BLE heart-rate message: what was wrong in Dutch, the technical detail in English', () => {
    const m = parseHeartRateMeasurement(Uint8Array.of(0x10, 72)); // says RR follow, but none do
    assert.equal(m.ok, false);
    assert.ok(!m.ok);
    assert.equal(m.problem, 'too-short');
    // As bleSource reports it.
    const { nl, en } = both({ code: 'bad-frames', params: { count: 3, what: 'heart-rate', problem: m.problem!, message: m.error } });
    assert.equal(nl, 'onleesbare hartslagberichten van de sensor (te kort); 3 tot nu toe');
    assert.match(en, /^unreadable heart-rate messages from the sensor \(too short: invalid heart-rate measurement: flags 0x10 need at least 4 bytes, got 2: 10 48\); 3 so far$/);
  });

  test('an unreadable Polar PMD data frame', () => {
    const f = parsePmdDataFrame(Uint8Array.of(1, 2, 3));
    assert.ok(!f.ok);
    const { nl, en } = both({ code: 'bad-frames', params: { count: 1, what: 'pmd', problem: f.problem!, message: f.error } });
    assert.equal(nl, 'onleesbare PPG-berichten van de sensor (te kort); 1 tot nu toe');
    assert.match(en, /^unreadable PPG messages from the sensor \(too short: PMD data frame too short \(3 bytes\)/);
    const kind = both({ code: 'bad-frames', params: { count: 2, what: 'pmd', problem: 'unsupported', message: 'frame type 9 of measurement type 1 is not decoded' } });
    assert.equal(kind.nl, 'onleesbare PPG-berichten van de sensor (soort bericht wordt niet gelezen); 2 tot nu toe');
  });

  test('CSV lines without a time column and no sample rate', () => {
    const notices = noticesOf(new SerialFrameAssembler({ protocol: 'csv' }).push(ascii('512\n530\n'), 0.5));
    assert.deepEqual(notices.map((n) => n.code), ['csv-needs-rate']);
    const { nl, en } = both(notices[0]!);
    assert.equal(nl, 'de CSV-regels hebben geen tijdkolom: geef voor deze bron de bemonsteringsfrequentie op (fs=…)');
    assert.equal(en, 'the CSV lines carry no time column: set the sample rate (fs=…) for this source');
  });

  test('a PulseSensor sketch whose begin() failed: a bare `!` says no English default; a sketch’s own words are quoted', () => {
    const bare = noticesOf(new SerialFrameAssembler({ protocol: 'pulsesensor' }).push(ascii('!\r\n'), 0.1));
    assert.deepEqual(bare.map((n) => n.code), ['begin-failed']);
    assert.equal(both(bare[0]!).nl, 'de PulseSensor-bibliotheek kon niet starten — controleer de sketch en de aansluiting');
    assert.equal(formatSensorNotice(bare[0]!, 'en'), 'the PulseSensor library could not start — check the sketch and the wiring');
    const own = formatSensorNotice({ code: 'begin-failed', params: { message: 'sensor on A0 not found' } }, 'nl');
    assert.equal(own, 'de PulseSensor-bibliotheek kon niet starten (de sketch meldt: "sensor on A0 not found") — controleer de sketch en de aansluiting');
  });

  test('a lost link: the fixed reasons in Dutch', () => {
    assert.equal(both({ code: 'reconnecting', params: { port: '/dev/ttyUSB0', reason: 'port closed' } }).nl, 'verbinding met /dev/ttyUSB0 verbroken (de poort is gesloten); opnieuw verbinden…');
    assert.equal(both({ code: 'reconnecting', params: { port: 'Polar H10', reason: 'Bluetooth connection lost' } }).nl, 'verbinding met Polar H10 verbroken (de Bluetooth-verbinding is verbroken); opnieuw verbinden…');
  });

  test('a failed reconnect: its coded problem in Dutch; an uncoded one only as the technical detail', () => {
    const coded = both({ code: 'reconnect-failed', params: { message: 'no heart-rate sensor found within 30 s — is it switched on, worn, and not connected to a phone?', errorCode: 'ble.notFound', errorParams: JSON.stringify({ which: 'any', sensor: '', seconds: '30' }) } });
    assert.equal(coded.nl, 'opnieuw verbinden mislukt (geen hartslagsensor gevonden binnen 30 s — staat hij aan, wordt hij gedragen en is hij niet met een telefoon verbonden?); nieuwe poging…');
    assert.equal(coded.en, 'reconnect failed (no heart-rate sensor found within 30 s — is it switched on, worn, and not connected to a phone?); retrying…');
    const raw = { code: 'reconnect-failed', params: { message: 'peripheral gone' } } as const;
    assert.equal(formatSensorNotice(raw, 'nl'), 'opnieuw verbinden mislukt (technische melding: peripheral gone); nieuwe poging…');
    assert.equal(formatSensorNotice(raw, 'en'), 'reconnect failed (peripheral gone); retrying…');
  });

  test('every notice code has a sentence in both languages', () => {
    const codes: SensorNoticeCode[] = ['no-data', 'not-understood', 'understood-again', 'finger-out', 'probe-error', 'searching', 'begin-failed', 'sensor-error', 'reconnecting', 'reconnected', 'port-error', 'rate-mismatch', 'burst', 'samples-lost', 'stream-stopped', 'end-of-recording', 'protocol-detected', 'bad-frames', 'csv-needs-rate', 'adapter-state', 'connected', 'ppg-unavailable', 'ppg-streaming', 'reconnect-failed', 'analysis-stopped', 'analysis-resumed'];
    for (const code of codes) {
      for (const locale of ['nl', 'en'] as const) {
        const text = formatSensorNotice({ code, params: { port: 'p', count: 1, seconds: 2, protocol: 'csv', baud: 9600, bytes: 1, readings: 0, badPct: 50, message: 'm', reason: 'r', declaredHz: 135, measuredHz: 55, factor: 10, what: 'PPG', state: 'off', device: 'd', fsHz: 55 } }, locale);
        assert.ok(text.length > 0 && text !== code, `${locale} ${code}`);
      }
    }
  });
});
