// Karvonen zones: Tanaka's HRmax, the % HRR bounds as heart rates, the Borg 11–13 target zone,
// entered HRmax before the age prediction, refusals of inputs that make no reserve, time in zones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { heartRateZones, karvonenHrBpm, percentHrr, tanakaHrMaxBpm, timeInZonesSec, zoneOf } from '../../../shared/running/heartRateZones.js';

describe('heart-rate zones (Karvonen)', () => {
  test('Tanaka 2001: 208 − 0.7 · age; ages outside 5–110 give NaN', () => {
    assert.equal(tanakaHrMaxBpm(40), 180);
    assert.ok(Math.abs(tanakaHrMaxBpm(25) - 190.5) < 1e-9);
    assert.ok(Math.abs(tanakaHrMaxBpm(70) - 159) < 1e-9);
    assert.ok(Number.isNaN(tanakaHrMaxBpm(3)));
    assert.ok(Number.isNaN(tanakaHrMaxBpm(Number.NaN)));
  });

  test('Karvonen: rest + f · (max − rest), and its inverse', () => {
    assert.equal(karvonenHrBpm(60, 180, 50), 120);
    assert.equal(karvonenHrBpm(60, 180, 0), 60);
    assert.equal(karvonenHrBpm(60, 180, 100), 180);
    assert.equal(percentHrr(120, 60, 180), 50);
    assert.equal(percentHrr(150, 60, 180), 75);
  });

  test('zones of a 40-year-old with resting HR 60 (HRmax predicted 180): ACSM classes as bpm', () => {
    const z = heartRateZones({ hrRestBpm: 60, ageYears: 40 })!;
    assert.equal(z.hrMaxBpm, 180);
    assert.equal(z.hrMaxSource, 'tanaka2001');
    assert.deepEqual(
      z.zones.map((x) => [x.id, x.fromBpm, x.toBpm]),
      [
        ['veryLight', 0, 96],
        ['light', 96, 108],
        ['moderate', 108, 132],
        ['vigorous', 132, 168],
        ['nearMaximal', 168, Infinity],
      ],
    );
    assert.deepEqual(z.targetZone, { id: 'moderate', fromBpm: 108, toBpm: 132, borgFrom: 11, borgTo: 13 });
    assert.match(z.method, /Tanaka/);
    assert.match(z.method, /Karvonen/);
  });

  test('an entered HRmax wins over the age prediction', () => {
    const z = heartRateZones({ hrRestBpm: 70, hrMaxBpm: 190, ageYears: 40 })!;
    assert.equal(z.hrMaxBpm, 190);
    assert.equal(z.hrMaxSource, 'entered');
    assert.equal(z.targetZone.fromBpm, 70 + 0.4 * 120);
    assert.equal(z.targetZone.toBpm, 70 + 0.6 * 120);
    assert.match(z.method, /HRmax entered/);
  });

  test('no zones without a usable resting HR, HRmax or reserve', () => {
    assert.equal(heartRateZones({ hrRestBpm: null, ageYears: 40 }), null);
    assert.equal(heartRateZones({ hrRestBpm: 60 }), null, 'no age, no HRmax');
    assert.equal(heartRateZones({ hrRestBpm: 20, ageYears: 40 }), null);
    assert.equal(heartRateZones({ hrRestBpm: 60, hrMaxBpm: 75 }), null);
    assert.equal(heartRateZones({ hrRestBpm: 110, hrMaxBpm: 120 }), null, 'reserve under 20 bpm');
  });

  test('zone of a heart rate and seconds per zone (NaN not counted)', () => {
    const z = heartRateZones({ hrRestBpm: 60, ageYears: 40 })!;
    assert.equal(zoneOf(z, 95), 'veryLight');
    assert.equal(zoneOf(z, 96), 'light');
    assert.equal(zoneOf(z, 131.9), 'moderate');
    assert.equal(zoneOf(z, 132), 'vigorous');
    assert.equal(zoneOf(z, 200), 'nearMaximal');
    assert.equal(zoneOf(z, Number.NaN), undefined);
    const hr = [90, 100, 110, 120, Number.NaN, 140, 170, 170];
    assert.deepEqual(timeInZonesSec(z, hr), { veryLight: 1, light: 1, moderate: 2, vigorous: 1, nearMaximal: 2 });
    assert.deepEqual(timeInZonesSec(z, hr, 2), { veryLight: 2, light: 2, moderate: 4, vigorous: 2, nearMaximal: 4 });
  });
});
