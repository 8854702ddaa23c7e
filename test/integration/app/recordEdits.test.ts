// Corrections of the clinical record through the app service and the contract (as the web host and
// the Electron IPC call it): edit and delete of questionnaire results, goals, running-log entries and
// markers — each in the record history (before/after) and in the access log (edit/delete with the
// changed fields) — and one result per questionnaire moment (ask / replace / keep).
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppService } from '../../../main/app/AppService.js';
import { SettingsStore } from '../../../main/app/SettingsStore.js';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import { dispatchInvoke, type CadansService } from '../../../shared/ipc/contract.js';
import type { QuestionnaireEntry } from '../../../shared/domain/types.js';
import type { SaveResult } from '../../../shared/ipc/recordTypes.js';
import { FakeDevices, FakeRecorder } from '../../unit/app/fakeAppDevices.js';

const NOW = new Date(2025, 5, 15, 10, 0, 0);

function valueOf<T>(r: SaveResult<T>): T {
  if (!r.ok) assert.fail(`expected the save to succeed: ${r.message}`);
  return r.value;
}

const FOURDKL = { distress: 12, depression: 3, anxiety: 5, somatisation: 10 };

describe('record corrections (edit, delete, audit, one result per moment)', () => {
  let dir: string;
  let storage: Storage;
  let service: AppService;
  let clientId: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadans-edits-'));
    storage = openStorage(join(dir, 'db.sqlite'));
    const devices = new FakeDevices();
    service = new AppService({
      storage,
      devices,
      settings: new SettingsStore(null),
      info: { version: 't', host: 'web', defaultSensorSpec: null, dbPath: 'x' },
      createRecorder: (o) => new FakeRecorder(storage, o, devices.clockSec),
      nowMs: () => NOW.getTime(),
    });
    clientId = service.createClient({ name: 'Sanne Jansen' }).id;
  });

  afterEach(async () => {
    await service.close();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const log = () => storage.accessLog.list(clientId).filter((e) => e.action === 'edit' || e.action === 'delete').map((e) => [e.action, e.detail]);

  test('questionnaire: edited (history before/after, access log names the change), then deleted (kept in the history)', () => {
    const q = valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'intake', date: '2025-05-01', scores: FOURDKL, notes: 'eerste afname' }));
    const edited = valueOf(service.updateQuestionnaire(q.id, { scores: { ...FOURDKL, distress: 8 }, notes: 'gecorrigeerd' }));
    assert.equal(edited.instrument === '4dkl' && edited.scores.distress, 8);
    assert.deepEqual(storage.questionnaires.get(q.id)?.scores, { ...FOURDKL, distress: 8 });

    // A correction out of range is refused with its code; nothing changes, nothing logged.
    const bad = service.updateQuestionnaire(q.id, { scores: { ...FOURDKL, depression: 13 } });
    assert.ok(!bad.ok && bad.issues[0]!.field === '4dkl.depression');
    assert.equal(storage.history.list({ record: 'questionnaire', recordId: q.id }).length, 1);

    const gone = service.deleteQuestionnaire(q.id);
    assert.equal(gone.id, q.id);
    assert.deepEqual(service.listQuestionnaires(clientId), []);
    const h = storage.history.list({ record: 'questionnaire', recordId: q.id });
    assert.deepEqual(h.map((e) => e.action), ['edit', 'delete']);
    assert.deepEqual([(h[0]!.before as { scores: { distress: number } }).scores.distress, (h[0]!.after as QuestionnaireEntry).notes], [12, 'gecorrigeerd']);
    assert.equal((h[1]!.before as QuestionnaireEntry).notes, 'gecorrigeerd', 'the deleted result is kept whole');
    assert.equal(h[1]!.after, null);
    assert.deepEqual(log(), [
      ['edit', `createQuestionnaire #${q.id}`],
      ['edit', `updateQuestionnaire questionnaire #${q.id}: scores.distress 12→8; notes changed`],
      ['delete', `deleteQuestionnaire questionnaire #${q.id}`],
    ]);
    assert.ok(storage.accessLog.verify().ok, 'the access log chain stays intact');
    assert.throws(() => service.deleteQuestionnaire(q.id), /does not exist/);
    // The history is append-only like the access log.
    assert.throws(() => storage.db.prepare('DELETE FROM record_history').run(), /append-only/);
  });

  test('one result per moment: ask refuses with the stored one, replace corrects it, keep stores both', () => {
    const first = valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'week6', date: '2025-06-10', scores: FOURDKL }));
    const asked = service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'week6', date: '2025-06-11', scores: { ...FOURDKL, distress: 4 } });
    assert.ok(!asked.ok && 'existing' in asked && asked.existing.id === first.id);
    assert.equal(!asked.ok && asked.issues[0]!.code, 'momentTaken');
    assert.equal(service.listQuestionnaires(clientId).length, 1, 'nothing stored while asking');

    const replaced = valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'week6', date: '2025-06-11', scores: { ...FOURDKL, distress: 4 }, onExisting: 'replace' }));
    assert.equal(replaced.id, first.id, 'the stored result was corrected, not doubled');
    assert.deepEqual(service.listQuestionnaires(clientId).map((e) => [e.date, e.instrument === '4dkl' && e.scores.distress]), [['2025-06-11', 4]]);
    assert.equal(storage.history.list({ record: 'questionnaire', recordId: first.id })[0]!.action, 'edit');

    valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'week6', date: '2025-06-12', scores: FOURDKL, onExisting: 'keep' }));
    assert.equal(service.listQuestionnaires(clientId).length, 2);
    // Another instrument or moment is no conflict.
    valueOf(service.createQuestionnaire({ clientId, instrument: 'nq', moment: 'week6', date: '2025-06-12', scores: { total: 20 } }));
  });

  test('questionnaire by item: scores from the answers, kept with the entry; a correction by totals drops the items', () => {
    const items = Array.from({ length: 16 }, (_, i) => (i < 8 ? 3 : 1));
    const q = valueOf(service.createQuestionnaire({ clientId, instrument: 'nq', moment: 'intake', date: '2025-05-01', scores: { total: 0 }, items }));
    assert.deepEqual([q.scores, q.items], [{ total: 32 }, items]);
    assert.deepEqual(storage.questionnaires.get(q.id)?.items, items);
    const byTotal = valueOf(service.updateQuestionnaire(q.id, { scores: { total: 30 } }));
    assert.deepEqual([byTotal.scores, byTotal.items], [{ total: 30 }, null]);
    const bad = service.updateQuestionnaire(q.id, { items: items.map(() => 7) });
    assert.ok(!bad.ok && bad.issues.length === 16 && bad.issues[0]!.field === 'nq.item1');
  });

  test('a result entered by item is scored from its items on every read (a key corrected after saving reaches it)', () => {
    // 4DKL: answers 0 (no) everywhere except item 42 = 4 ("very often", 2 points). Item 42 is an anxiety item
    // (Terluin et al. 2014); the key before the fix counted it for depression.
    const items = Array.from({ length: 50 }, (_, i) => (i + 1 === 42 ? 4 : 0));
    const q = valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'intake', date: '2025-05-01', scores: FOURDKL, items }));
    assert.ok(q.instrument === '4dkl' && q.scores.anxiety === 2 && q.scores.depression === 0, JSON.stringify(q.scores));
    // As the build before the fix stored it: the same items, the totals of the old key.
    storage.db.prepare('UPDATE questionnaire_scores SET scores = ? WHERE id = ?').run(JSON.stringify({ ...q.scores, anxiety: 0, depression: 2 }), q.id);
    const read = storage.questionnaires.get(q.id)!;
    assert.ok(read.instrument === '4dkl' && read.scores.anxiety === 2 && read.scores.depression === 0, JSON.stringify(read.scores));
    // A result entered as totals keeps its totals.
    const byTotal = valueOf(service.createQuestionnaire({ clientId, instrument: '4dkl', moment: 'week3', date: '2025-05-20', scores: FOURDKL }));
    assert.deepEqual(storage.questionnaires.get(byTotal.id)!.scores, FOURDKL);
  });

  test('goals, running log and markers: edit and delete with history and access log', () => {
    const g = valueOf(service.createGoal({ clientId, text: '20 min hardlopen', setDate: '2025-05-01' }));
    const g2 = valueOf(service.updateGoal(g.id, { text: '25 min hardlopen', targetDate: '2025-07-01' }));
    assert.equal(g2.text, '25 min hardlopen');
    assert.ok(!service.updateGoal(g.id, { targetDate: '2025-04-01' }).ok, 'target before the set date refused');
    service.deleteGoal(g.id);
    assert.deepEqual(service.listGoals(clientId), []);

    const r = valueOf(service.createRunningLogEntry({ clientId, date: '2025-06-03', continuousRunMin: 5, borg: 14 }));
    const r2 = valueOf(service.updateRunningLogEntry(r.id, { borg: 12 }));
    assert.deepEqual([r2.borg, r2.continuousRunMin], [12, 5]);
    assert.ok(!service.updateRunningLogEntry(r.id, { borg: 25 }).ok);
    service.deleteRunningLogEntry(r.id);
    assert.deepEqual(service.listRunningLog(clientId), []);

    const session = storage.sessions.create({ clientId, type: 'breathing' }, NOW);
    const m = storage.markers.add(session.id, { tSec: 30, note: 'hoest' });
    const m2 = valueOf(service.updateMarker(m.id, { note: 'hoest, artefact', kind: 'artifact' }));
    assert.deepEqual([m2.kind, m2.note, m2.tSec], ['artifact', 'hoest, artefact', 30]);
    assert.ok(!service.updateMarker(m.id, { tSec: -1 }).ok);
    service.deleteMarker(m.id);
    assert.deepEqual(service.listMarkers(session.id), []);

    const byRecord = storage.history.list({ clientId }).map((e) => [e.record, e.action]);
    assert.deepEqual(byRecord, [['goal', 'edit'], ['goal', 'delete'], ['runningLog', 'edit'], ['runningLog', 'delete'], ['marker', 'edit'], ['marker', 'delete']]);
    const details = log().filter(([, d]) => !d!.startsWith('create'));
    assert.deepEqual(details, [
      ['edit', `updateGoal goal #${g.id}: text changed; targetDate –→2025-07-01`],
      ['delete', `deleteGoal goal #${g.id}`],
      ['edit', `updateRunningLogEntry runningLog #${r.id}: borg 14→12`],
      ['delete', `deleteRunningLogEntry runningLog #${r.id}`],
      ['edit', `updateMarker marker #${m.id}: kind note→artifact; note changed`],
      ['delete', `deleteMarker marker #${m.id}`],
    ]);
    assert.ok(storage.accessLog.list(clientId).filter((e) => e.detail.includes('marker')).every((e) => e.sessionId === session.id));
  });

  test('through the contract (web host and IPC): strict patch schemas, same results', async () => {
    const svc = service as unknown as CadansService;
    const q = valueOf(service.createQuestionnaire({ clientId, instrument: 'mvi', moment: 'intake', date: '2025-05-01', scores: { generalFatigue: 12, physicalFatigue: 12, reducedActivity: 12, reducedMotivation: 12, mentalFatigue: 12 } }));
    const ok = await dispatchInvoke(svc, 'updateQuestionnaire', [q.id, { date: '2025-05-02' }]);
    assert.ok(ok.ok && (ok.value as SaveResult<QuestionnaireEntry>).ok);
    const unknownKey = await dispatchInvoke(svc, 'updateQuestionnaire', [q.id, { clientId: 9 }]);
    assert.ok(!unknownKey.ok && /unknown key 'clientId'/.test(unknownKey.error));
    const del = await dispatchInvoke(svc, 'deleteQuestionnaire', [q.id]);
    assert.ok(del.ok);
    const again = await dispatchInvoke(svc, 'deleteQuestionnaire', [q.id]);
    assert.ok(!again.ok && /does not exist/.test(again.error));
    const badOnExisting = await dispatchInvoke(svc, 'createQuestionnaire', [{ clientId, instrument: 'nq', moment: 'intake', date: '2025-05-01', scores: { total: 1 }, onExisting: 'merge' }]);
    assert.ok(!badOnExisting.ok);
  });
});
