import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIM_OPTIONS, parseSimSpec, validateSimOptions } from '../../../shared/sim/index.js';

describe('parseSimSpec', () => {
  test('bare "sim" gives the defaults', () => {
    assert.deepEqual(parseSimSpec('sim'), { ...DEFAULT_SIM_OPTIONS, clipOff: [], weakPulses: [] });
  });

  test('the full example spec', () => {
    const r = parseSimSpec(
      'sim:fs=250,hr=72,breathing=6,seed=3,speed=10,resonance=5.5,noise=0.02,ectopic=2,motion=1,compliance=0.8,clipoff=30-40',
    );
    assert.ok(!('error' in r), JSON.stringify(r));
    assert.equal(r.fsHz, 250);
    assert.equal(r.hrBpm, 72);
    assert.equal(r.breathingBpm, 6);
    assert.equal(r.seed, 3);
    assert.equal(r.speed, 10);
    assert.equal(r.resonanceBpm, 5.5);
    assert.equal(r.noise, 0.02);
    assert.equal(r.ectopicPerMin, 2);
    assert.equal(r.motionPerMin, 1);
    assert.equal(r.compliance, 0.8);
    assert.deepEqual(r.clipOff, [[30, 40]]);
    assert.equal(r.adcBits, DEFAULT_SIM_OPTIONS.adcBits);
  });

  test('lists, aliases and spaces', () => {
    const r = parseSimSpec(' sim: clipoff=50-60;10-12.5 , weak=5-9*0.2+20-30*0.5, bits=0, baro=2, rsa=5 ');
    assert.ok(!('error' in r), JSON.stringify(r));
    assert.deepEqual(r.clipOff, [
      [10, 12.5],
      [50, 60],
    ]);
    assert.deepEqual(r.weakPulses, [
      [5, 9, 0.2],
      [20, 30, 0.5],
    ]);
    assert.equal(r.adcBits, 0);
    assert.equal(r.baroreflex, 2);
    assert.equal(r.rsaBpm, 5);
  });

  test('unknown keys and bad values are rejected with a message naming the key', () => {
    const bad: [string, RegExp][] = [
      ['sim:foo=1', /unknown simulator key 'foo'/],
      ['sim:hr=abc', /'hr'/],
      ['sim:hr=500', /'hr'.*hrBpm/],
      ['sim:fs=10', /'fs'/],
      ['sim:compliance=1.5', /'compliance'/],
      ['sim:bits=3', /'bits'/],
      ['sim:seed=1.5', /'seed'/],
      ['sim:clipoff=40-30', /'clipoff'/],
      ['sim:clipoff=abc', /'clipoff'/],
      ['sim:weak=1-2', /'weak'/],
      ['sim:hr', /key=value/],
      ['sim:hr=70,hr=80', /twice/],
      ['simulator', /not a simulator spec/],
      ['serial:/dev/ttyUSB0', /not a simulator spec/],
    ];
    for (const [spec, re] of bad) {
      const r = parseSimSpec(spec);
      assert.ok('error' in r, `${spec} should be rejected`);
      assert.match(r.error, re, spec);
    }
  });

  test('validateSimOptions names each bad option', () => {
    const errors = validateSimOptions({ hrBpm: 10, noise: -1, clipOff: [[5, 1]], bogus: 1 } as never);
    assert.equal(errors.length, 4);
    assert.ok(errors.some((e) => e.includes('hrBpm')));
    assert.ok(errors.some((e) => e.includes('noise')));
    assert.ok(errors.some((e) => e.includes('clipOff')));
    assert.ok(errors.some((e) => e.includes('bogus')));
    assert.deepEqual(validateSimOptions({}), []);
  });
});

describe('parseSimSpec: exercise intervals (run blocks)', () => {
  test('exercise=START-END*BPM gives intervals; a bad one names the key', () => {
    const r = parseSimSpec('sim:exercise=60-120*50;180-240*55');
    assert.ok(!('error' in r));
    assert.deepEqual(r.exercise, [[60, 120, 50], [180, 240, 55]]);
    const bad = parseSimSpec('sim:exercise=60-120');
    assert.ok('error' in bad && /'exercise'/.test(bad.error));
    const big = parseSimSpec('sim:exercise=60-120*400');
    assert.ok('error' in big && /exercise\[0\]/.test(big.error));
  });
});
