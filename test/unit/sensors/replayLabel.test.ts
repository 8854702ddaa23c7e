// A replayed recording file is named next to the sensor and in `cadans monitor` in the user's
// language; the source's own label (logs, --json) stays the English one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { channelView } from '../../../main/app/sensorViews.js';
import { FileReplaySource } from '../../../native-adapters/sensors/fileReplaySource.js';
import { replayLabel } from '../../../shared/sensors/replayLabel.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-replay-label-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

describe('replay label', () => {
  test('before and after the file is read, in Dutch (Dutch numbers) and English', () => {
    assert.equal(replayLabel({ file: 'rust.csv', speed: 10 }, 'nl'), 'Opname rust.csv, 10× sneller');
    assert.equal(replayLabel({ file: 'rust.csv', speed: 10 }, 'en'), 'Replay of rust.csv at 10× speed');
    const read = { file: 'rust.csv', format: 'ppg-csv' as const, fsHz: 49.876, durationSec: 1234.4, speed: 2.5 };
    assert.equal(replayLabel(read, 'nl'), 'Opname rust.csv (PPG-CSV, 49,88 Hz, 1234 s, 2,5× sneller)');
    assert.equal(replayLabel(read, 'en'), 'Replay of rust.csv (PPG CSV, 49.88 Hz, 1234 s, 2.5× speed)');
    assert.equal(replayLabel({ file: 'rr.txt', format: 'rr', durationSec: 300, speed: 1 }, 'nl'), 'Opname rr.txt (RR-intervallen, 300 s)');
  });

  test('the source keeps the English label and hands the parts to the sensor panel', async () => {
    const path = join(dir, 'golf.csv');
    writeFileSync(path, 'time,ppg\n' + Array.from({ length: 500 }, (_, i) => `${(i / 50).toFixed(2)},${512 + Math.round(100 * Math.sin(i / 8))}`).join('\n') + '\n');
    const src = new FileReplaySource({ path, speed: 20, tickMs: 60_000 });
    await src.start();
    try {
      assert.equal(src.info.label, 'Replay of golf.csv (PPG CSV, 50 Hz, 10 s, 20× speed)');
      const view = channelView({ id: 'ch1', spec: src.spec, state: 'connected', info: src.info, lastNotice: null, speed: 20 });
      assert.equal(view.label, src.info.label);
      assert.ok(view.replay);
      assert.equal(replayLabel(view.replay, 'nl'), 'Opname golf.csv (PPG-CSV, 50 Hz, 10 s, 20× sneller)');
    } finally {
      await src.stop();
    }
  });
});
