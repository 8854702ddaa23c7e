import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPairs } from '../../../main/cli/recordGroup.js';
import { CliError } from '../../../main/cli/cliError.js';

describe('cadans record: the --sensor/--client pairs of a group', () => {
  test('simulators without a seed get one of their own, never one given to another; others are kept as given', () => {
    const pairs = groupPairs(['sim', ' sim:hr=60 ', 'sim:seed=2,hr=70', 'serial:/dev/ttyUSB0', 'SIM:speed=4'], ['A', 'B', 'C', 'D', 'E']);
    assert.deepEqual(pairs, [
      { spec: 'sim:seed=1', clientSpec: 'A' },
      { spec: 'sim:hr=60,seed=3', clientSpec: 'B' },
      { spec: 'sim:seed=2,hr=70', clientSpec: 'C' },
      { spec: 'serial:/dev/ttyUSB0', clientSpec: 'D' },
      { spec: 'SIM:speed=4,seed=4', clientSpec: 'E' },
    ]);
  });

  test('the same sensor for two clients is refused (exit code 2)', () => {
    assert.throws(
      () => groupPairs(['serial:/dev/ttyUSB0', 'serial:/dev/ttyUSB0'], ['A', 'B']),
      (e: CliError) => e instanceof CliError && e.exitCode === 2 && /given twice/.test(e.message),
    );
    assert.throws(() => groupPairs(['sim:seed=5', 'sim:seed=5'], ['A', 'B']), /given twice/);
  });
});
