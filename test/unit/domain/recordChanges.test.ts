// Changed fields of an edited record, for the access log and the record history.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { changedFields, changeSummary } from '../../../shared/domain/recordChanges.js';

describe('changedFields / changeSummary', () => {
  test('nested scores per key, ids and creation time ignored, free text named but not quoted', () => {
    const before = { id: 3, createdAt: 'a', date: '2025-05-01', scores: { distress: 12, depression: 3 }, notes: 'old secret', items: null };
    const after = { id: 3, createdAt: 'b', date: '2025-05-02', scores: { distress: 8, depression: 3 }, notes: 'new secret', items: [1, 2] };
    const changes = changedFields(before, after);
    assert.deepEqual(changes.map((c) => c.field), ['date', 'scores.distress', 'notes', 'items']);
    const line = changeSummary(changes);
    assert.equal(line, 'date 2025-05-01→2025-05-02; scores.distress 12→8; notes changed; items changed');
    assert.ok(!line.includes('secret'));
  });

  test('no change', () => {
    assert.deepEqual(changedFields({ a: 1, b: [1] }, { a: 1, b: [1] }), []);
    assert.equal(changeSummary([]), 'no change');
    assert.equal(changeSummary(changedFields({ targetDate: '2025-01-01' }, { targetDate: null })), 'targetDate 2025-01-01→–');
  });
});
