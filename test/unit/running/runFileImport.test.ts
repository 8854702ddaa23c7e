// FIT (made with the FIT SDK's Encoder), TCX and GPX (made by hand) of one run/walk session whose
// heart rate follows the blocks: every reader gives the blocks, the longest run, the mean HR and the
// HR recovery the model put in. Corrupt, truncated, foreign and empty files are refused as a whole
// with a coded message in Dutch and English.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRunBytes } from '../../../main/running/readRunFile.js';
import { errorText } from '../../../shared/i18n/CadansError.js';
import { heartRateZones } from '../../../shared/running/heartRateZones.js';
import { analyseRun } from '../../../shared/running/runAnalysis.js';
import { RunFileError } from '../../../shared/running/runFileError.js';
import type { RunTrack } from '../../../shared/running/runTrack.js';
import { fitFile, gpxFile, modelRecovery, runProfile, START, tcxFile, WEEK1 } from '../../support/runFiles.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const EXPECTED_STARTS = [0, 60, 180, 240, 360, 420, 540, 600, 720, 780, 900, 960];

function assertWeek1(track: RunTrack): void {
  assert.equal(track.startedAt, START.toISOString());
  assert.equal(track.points.length, 1260);
  const { summary } = analyseRun(track, heartRateZones({ hrRestBpm: 65, ageYears: 40 }));
  assert.deepEqual(summary.blocks.map((b) => b.kind), EXPECTED_STARTS.map((_, i) => (i % 2 === 0 ? 'run' : 'walk')));
  summary.blocks.forEach((b, i) => assert.ok(Math.abs(b.startSec - EXPECTED_STARTS[i]!) <= 2, `block ${i} at ${b.startSec}`));
  assert.ok(Math.abs(summary.longestRunSec - 60) <= 3, String(summary.longestRunSec));
  const model = runProfile(WEEK1);
  const meanHr = model.reduce((s, p) => s + p.hrBpm, 0) / model.length;
  assert.ok(Math.abs(summary.meanHrBpm! - meanHr) < 0.1, `${summary.meanHrBpm} vs ${meanHr}`);
  const r60 = modelRecovery(WEEK1, 60);
  const r120 = modelRecovery(WEEK1, 120);
  assert.ok(Math.abs(summary.hrr.hrr60Bpm! - (r60.peak - r60.after)) <= 2.5, `HRR60 ${summary.hrr.hrr60Bpm} vs ${r60.peak - r60.after}`);
  assert.ok(Math.abs(summary.hrr.hrr120Bpm! - (r120.peak - r120.after)) <= 2.5, `HRR120 ${summary.hrr.hrr120Bpm} vs ${r120.peak - r120.after}`);
  const inZones = Object.values(summary.timeInZonesSec!).reduce((a, b) => a + b, 0);
  assert.equal(inZones, summary.hrSec, 'every second with a heart rate is in one zone');
}

function refused(f: () => unknown, problem: string): RunFileError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof RunFileError, String(e));
    assert.equal(e.problem, problem, e.message);
    return e;
  }
  assert.fail(`not refused (expected ${problem})`);
}

describe('run files: FIT, TCX, GPX', () => {
  test('FIT (FIT SDK Encoder): points, laps, speed and cadence (strides/min doubled)', () => {
    const t = parseRunBytes(fitFile(WEEK1), 'week1.fit', '.fit');
    assert.equal(t.format, 'fit');
    assert.equal(t.laps.length, WEEK1.length);
    assert.deepEqual(t.laps[1], { startSec: 60, endSec: 180 });
    const p = runProfile(WEEK1)[30]!;
    assert.equal(t.points[30]!.hrBpm, p.hrBpm);
    assert.equal(t.points[30]!.cadenceSpm, p.cadenceRpm * 2);
    assert.ok(Math.abs(t.points[30]!.speedMps! - p.speedMps) < 0.002);
    assertWeek1(t);
  });

  test('FIT without laps: the same blocks from cadence alone', () => {
    const t = parseRunBytes(fitFile(WEEK1, { laps: false }), 'nolaps.fit', '.fit');
    assert.equal(t.laps.length, 0);
    assertWeek1(t);
  });

  test('TCX with HR and the TPX Speed/RunCadence extension', () => {
    const t = parseRunBytes(utf8(tcxFile(WEEK1)), 'week1.tcx', '.tcx');
    assert.equal(t.format, 'tcx');
    assert.equal(t.device, 'Test & Watch');
    assert.equal(t.laps.length, WEEK1.length);
    assertWeek1(t);
  });

  test('GPX with TrackPointExtension hr/cad; speed from the positions', () => {
    const t = parseRunBytes(utf8(gpxFile(WEEK1)), 'week1.gpx', '.gpx');
    assert.equal(t.format, 'gpx');
    assert.equal(t.points[100]!.speedMps, null, 'GPX 1.1 has no speed here');
    const model = runProfile(WEEK1);
    const covered = model.at(-1)!.distanceM - model[0]!.distanceM; // the distance is summed from the first position
    assert.ok(Math.abs(t.points.at(-1)!.distanceM! - covered) < 1, `${t.points.at(-1)!.distanceM} vs ${covered}`);
    assertWeek1(t);
  });

  test('GPX without cadence: blocks from the speed derived from the positions', () => {
    assertWeek1(parseRunBytes(utf8(gpxFile(WEEK1, { cadence: false })), 'nocad.gpx', '.gpx'));
  });

  test('the format comes from the content: a TCX named .gpx is read as TCX', () => {
    assert.equal(parseRunBytes(utf8(tcxFile(WEEK1)), 'x.gpx', '.gpx').format, 'tcx');
  });

  test('a corrupt FIT (one byte changed: CRC) and a truncated FIT are refused whole', () => {
    const fit = fitFile(WEEK1);
    const bad = fit.slice();
    bad[Math.floor(bad.length / 2)] ^= 0xff;
    const e = refused(() => parseRunBytes(bad, 'bad.fit', '.fit'), 'corrupt');
    assert.equal(errorText('en', e), 'bad.fit is damaged (CRC); nothing was imported');
    assert.equal(errorText('nl', e), 'bad.fit is beschadigd (CRC); er is niets geïmporteerd.');
    const cut = refused(() => parseRunBytes(fit.slice(0, Math.floor(fit.length * 0.6)), 'cut.fit', '.fit'), 'truncated');
    assert.match(errorText('nl', cut), /cut\.fit is afgekapt/);
    refused(() => parseRunBytes(utf8('hello, not a fit file at all'), 'x.fit', '.fit'), 'notFit');
  });

  test('a truncated TCX and a GPX with crossed tags are refused; so are foreign XML and text', () => {
    const tcx = tcxFile(WEEK1);
    refused(() => parseRunBytes(utf8(tcx.slice(0, Math.floor(tcx.length / 2))), 'cut.tcx', '.tcx'), 'truncated');
    const gpx = gpxFile(WEEK1).replace('<gpxtpx:hr>', '<gpxtpx:hr><b>');
    const e = refused(() => parseRunBytes(utf8(gpx), 'crossed.gpx', '.gpx'), 'corrupt');
    assert.match(errorText('en', e), /^crossed\.gpx is damaged \(closing tag/);
    refused(() => parseRunBytes(utf8('<?xml version="1.0"?><kml><Document/></kml>'), 'map.kml', '.kml'), 'unknownFormat');
    refused(() => parseRunBytes(utf8('time,hr\n1,100\n'), 'run.csv', '.csv'), 'unknownFormat');
  });

  test('a file without usable points, and one spanning more than 12 h, import nothing', () => {
    const empty = '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg><trkpt lat="52" lon="5"/></trkseg></trk></gpx>';
    const e = refused(() => parseRunBytes(utf8(empty), 'empty.gpx', '.gpx'), 'noPoints');
    assert.match(errorText('nl', e), /geen meetpunten/);
    const long =
      '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>' +
      '<trkpt lat="52" lon="5"><time>2026-01-01T00:00:00Z</time><extensions><hr>100</hr></extensions></trkpt>' +
      '<trkpt lat="52" lon="5"><time>2026-01-01T13:00:00Z</time><extensions><hr>100</hr></extensions></trkpt>' +
      '</trkseg></trk></gpx>';
    refused(() => parseRunBytes(utf8(long), 'long.gpx', '.gpx'), 'tooLong');
  });

  test('dropouts (HR 0 or 255) are missing values, not heart rates', () => {
    const gpx = gpxFile(WEEK1).replace(/<gpxtpx:hr>\d+<\/gpxtpx:hr>/g, (m, i: number) => (i % 7 === 0 ? '<gpxtpx:hr>0</gpxtpx:hr>' : m));
    const t = parseRunBytes(utf8(gpx), 'drop.gpx', '.gpx');
    assert.ok(t.points.every((p) => p.hrBpm === null || p.hrBpm >= 30));
  });
});
