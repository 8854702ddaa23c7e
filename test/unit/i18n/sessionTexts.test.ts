// Texts stored with a session or named after it, in the session's language: markers, gap reasons,
// file names, the sensor line of a report.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueProblems } from '../../../shared/i18n/catalogue.js';
import { gapReasonText, sensorLabelText, sessionText, simLabelText } from '../../../shared/i18n/sessionTexts.js';
import { sessionTextsEn } from '../../../shared/i18n/sessionTexts.en.js';
import { sessionTextsNl } from '../../../shared/i18n/sessionTexts.nl.js';

describe('session texts', () => {
  test('catalogues match and parse', () => {
    assert.deepEqual(catalogueProblems('sessionTexts', sessionTextsNl, sessionTextsEn), []);
  });
  test('resonance markers with the language decimal separator', () => {
    assert.equal(sessionText('nl', 'marker.step', { n: 1, rate: 6.5 }), 'stap 1: 6,5 ademhalingen/min');
    assert.equal(sessionText('en', 'marker.step', { n: 1, rate: 6.5 }), 'step 1: 6.5 breaths/min');
    assert.equal(sessionText('nl', 'marker.sliding', { from: 6.75, to: 4.25 }), 'glijdend 6,75 → 4,25 ademhalingen/min');
  });
  test('gap reasons: codes translated, unknown reasons kept', () => {
    assert.equal(gapReasonText('nl', 'no-contact'), 'geen contact');
    assert.equal(gapReasonText('en', 'no-contact'), 'no contact');
    assert.equal(gapReasonText('nl', 'disk-full'), 'schijf vol');
    assert.equal(gapReasonText('nl', 'something new'), 'something new');
  });
  test('file names: localised, ids as plain digits', () => {
    assert.equal(sessionText('nl', 'file.sessionReport', { sessionId: 1234 }), 'cadans-sessie-1234-rapport');
    assert.equal(sessionText('en', 'file.sessionReport', { sessionId: 1 }), 'cadans-session-1-report');
    assert.equal(sessionText('nl', 'file.progressReportCourse', { clientId: 2, courseId: 3 }), 'cadans-voortgang-2-traject-3');
  });
  test('the sensor line of a report', () => {
    assert.equal(sensorLabelText('nl', 'Simulator (demo signal, not a real sensor): ear-clip PPG, 72 bpm, breathing with the pacer', 'sim'), 'Simulator (demosignaal, geen echte sensor)');
    assert.equal(sensorLabelText('nl', 'PulseSensor on /dev/ttyUSB0', 'serial:/dev/ttyUSB0'), 'PulseSensor op /dev/ttyUSB0');
    assert.equal(sensorLabelText('nl', 'PulseSensor 2 of 2 on /dev/ttyACM0', 'serial:/dev/ttyACM0'), 'PulseSensor 2 van 2 op /dev/ttyACM0');
    assert.equal(sensorLabelText('en', 'PulseSensor on /dev/ttyUSB0', 'serial:/dev/ttyUSB0'), 'PulseSensor on /dev/ttyUSB0');
    assert.equal(sensorLabelText('nl', 'Polar H10 1234', 'ble:abc'), 'Polar H10 1234');
    // The serial and Bluetooth sources' English device names (the sensor card, cadans monitor, reports).
    assert.equal(sensorLabelText('nl', 'CMS50 (new 9-byte protocol) on /dev/ttyUSB0', 'serial:/dev/ttyUSB0'), 'CMS50 (nieuw 9-byte-protocol) op /dev/ttyUSB0');
    assert.equal(sensorLabelText('nl', 'serial sensor on /dev/ttyACM0', 'serial:/dev/ttyACM0'), 'seriële sensor op /dev/ttyACM0');
    assert.equal(sensorLabelText('nl', "Bluetooth heart-rate sensor 'Polar H10 A1' (c0:ff:ee)", 'ble:c0:ff:ee'), "Bluetooth-hartslagsensor 'Polar H10 A1' (c0:ff:ee)");
    assert.equal(sensorLabelText('en', 'CMS50 (old 5-byte protocol) on /dev/ttyUSB0', 'serial:/dev/ttyUSB0'), 'CMS50 (old 5-byte protocol) on /dev/ttyUSB0');
    // A replayed file's stored label (reports of a replayed session).
    assert.equal(sensorLabelText('nl', 'Replay of rust.csv (PPG CSV, 49.88 Hz, 300 s, 2.5× speed)', 'file:/x/rust.csv'), 'Opname rust.csv (PPG-CSV, 49,88 Hz, 300 s, 2,5× sneller)');
    assert.equal(sensorLabelText('nl', 'Replay of rr (1).txt (RR intervals, 120 s)', 'file:rr (1).txt'), 'Opname rr (1).txt (RR-intervallen, 120 s)');
    assert.equal(sensorLabelText('nl', 'Replay of marie.csv', 'file:marie.csv'), 'Opname marie.csv');
    assert.equal(sensorLabelText('en', 'Replay of rust.csv (PPG CSV, 50 Hz, 300 s)', 'file:rust.csv'), 'Replay of rust.csv (PPG CSV, 50 Hz, 300 s)');
    // The simulator's full label (cadans monitor).
    const sim = 'Simulator (demo signal, not a real sensor): ear-clip PPG 72 bpm at 250 Hz, 2.5× speed';
    assert.equal(simLabelText('nl', sim), 'Simulator (demosignaal, geen echte sensor): oorclip-PPG 72 bpm op 250 Hz, 2,5× sneller');
    assert.equal(simLabelText('en', sim), sim);
    assert.equal(simLabelText('nl', 'Simulator (demo signal, not a real sensor): ear-clip PPG 60 bpm at 100 Hz'), 'Simulator (demosignaal, geen echte sensor): oorclip-PPG 60 bpm op 100 Hz');
    assert.equal(sensorLabelText('nl', null, 'serial:/dev/x'), 'serial:/dev/x');
  });
});
