import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runMarkerInfo } from '../../../shared/running/runMarkerInfo.js';
import { borgNote, cueNote, RUN_MARKER } from '../../../main/running/liveRunStore.js';

describe('runMarkerInfo', () => {
  test('reads back the notes the live run store writes; other markers and broken notes: null', () => {
    assert.deepEqual(runMarkerInfo({ kind: RUN_MARKER.cue, note: cueNote('walk', 2) }), { what: 'cue', kind: 'walk', blockIndex: 2 });
    assert.deepEqual(runMarkerInfo({ kind: RUN_MARKER.cue, note: cueNote('end', 4) }), { what: 'cue', kind: 'end', blockIndex: 4 });
    assert.deepEqual(runMarkerInfo({ kind: RUN_MARKER.borg, note: borgNote({ blockIndex: 1, borg: 13, talkTest: true }) }), { what: 'borg', blockIndex: 1, borg: 13, talkTest: true });
    assert.deepEqual(runMarkerInfo({ kind: RUN_MARKER.borg, note: borgNote({ blockIndex: 3, borg: null, talkTest: null }) }), { what: 'borg', blockIndex: 3, borg: null, talkTest: null });
    assert.equal(runMarkerInfo({ kind: 'note', note: cueNote('walk', 2) }), null);
    assert.equal(runMarkerInfo({ kind: RUN_MARKER.cue, note: 'not json' }), null);
    assert.equal(runMarkerInfo({ kind: RUN_MARKER.cue, note: '{"kind":"jog","blockIndex":2}' }), null);
    assert.equal(runMarkerInfo({ kind: RUN_MARKER.cue, note: '{"kind":"run","blockIndex":-1}' }), null);
  });
});
