// Validation of clients, courses, goals, running log entries and sessions; dates; messages; beat flags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { beatFlagNames, beatFlags, BeatFlag, isNnBeat } from '../../../shared/domain/beatFlags.js';
import { isFutureDate, isIsoDate, isIsoDateTime, localIsoDate } from '../../../shared/domain/dates.js';
import { validateClient } from '../../../shared/domain/validateClient.js';
import { validateCourse, validateGoal, validateGoalStatus } from '../../../shared/domain/validateCourse.js';
import { validateRunningLog } from '../../../shared/domain/validateRunningLog.js';
import { validateSession } from '../../../shared/domain/validateSession.js';
import { formatMessage, MESSAGES_EN } from '../../../shared/domain/validationMessages.js';

const NOW = new Date(2025, 5, 15, 23, 30, 0); // 15 June 2025 23:30 local

function errors(r: { ok: boolean; errors?: string[] }): string[] {
  return r.ok ? [] : (r.errors ?? []);
}

describe('dates', () => {
  test('ISO dates and date-times', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('2024-04-31'), false);
    assert.equal(isIsoDate('2024-00-10'), false);
    assert.equal(isIsoDate(20240101), false);
    assert.ok(isIsoDateTime('2025-01-01T10:00:00.000Z'));
    assert.ok(isIsoDateTime('2025-01-01T10:00+02:00'));
    assert.equal(isIsoDateTime('2025-01-01 10:00:00'), false);
    assert.equal(isIsoDateTime('2025-01-01T10:00:00'), false, 'a zone is required');
    assert.equal(localIsoDate(NOW), '2025-06-15');
    assert.equal(isFutureDate('2025-06-16', NOW), true);
    assert.equal(isFutureDate('2025-06-15', NOW), false);
  });
});

describe('validateClient', () => {
  test('name required and trimmed; date of birth real and not in the future', () => {
    const r = validateClient({ name: '  Els  ', dateOfBirth: '1975-12-31' }, NOW);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { name: 'Els', dateOfBirth: '1975-12-31', referralSource: null, complaint: null, notes: '', nickname: null });
    assert.deepEqual(errors(validateClient({}, NOW)), ['Name is required.']);
    assert.deepEqual(errors(validateClient({ name: '' }, NOW)), ['Name must not be empty.']);
    assert.deepEqual(errors(validateClient({ name: 42 }, NOW)), ['Name must be text (got 42).']);
    assert.deepEqual(errors(validateClient({ name: 'A', dateOfBirth: '2025-06-16' }, NOW)), [
      'Date of birth cannot be in the future (2025-06-16 is after today, 2025-06-15).',
    ]);
    assert.deepEqual(errors(validateClient({ name: 'x'.repeat(201) }, NOW)), ['Name must be at most 200 characters long.']);
  });

  test('partial updates check only the given fields', () => {
    const r = validateClient({ notes: 'n' }, NOW, true);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { notes: 'n' });
    assert.deepEqual(errors(validateClient({ name: ' ' }, NOW, true)), ['Name must not be empty.']);
  });

  test('a nickname: trimmed, at most 20 characters, no control or invisible characters', () => {
    const ok = validateClient({ nickname: ' Zonnetje ' }, NOW, true);
    assert.ok(ok.ok);
    assert.deepEqual(ok.value, { nickname: 'Zonnetje' });
    assert.deepEqual(errors(validateClient({ nickname: 'x'.repeat(21) }, NOW, true)), ['Nickname must be at most 20 characters long.']);
    for (const bad of ['a\tb', 'a\u0007b', 'a\u200Bb', 'a\u202Eb']) {
      assert.deepEqual(errors(validateClient({ nickname: bad }, NOW, true)), ['Nickname must not contain control characters (such as tabs, line breaks or invisible characters).'], JSON.stringify(bad));
    }
  });
});

describe('courses and goals', () => {
  test('course dates valid and evaluations in order (planned dates may lie ahead)', () => {
    assert.ok(validateCourse({ clientId: 1, startDate: '2025-06-01', intakeDate: '2025-06-01', midEvaluationDate: '2025-07-15', finalEvaluationDate: '2025-09-01' }).ok);
    assert.deepEqual(errors(validateCourse({ clientId: 1, startDate: '2025-06-01', midEvaluationDate: '2025-08-01', finalEvaluationDate: '2025-07-01' })), [
      'Final evaluation date (2025-07-01) cannot be before Mid-evaluation date (2025-08-01).',
    ]);
    assert.deepEqual(errors(validateCourse({ clientId: 1 })), ['Start date is required.']);
  });

  test('goals: text, set date not in the future, target not before set date; status changes', () => {
    assert.ok(validateGoal({ clientId: 1, text: 'Walk daily', setDate: '2025-06-01', targetDate: '2025-08-01' }, NOW).ok);
    assert.deepEqual(errors(validateGoal({ clientId: 1, text: ' ', setDate: '2025-07-01', targetDate: '2025-06-01' }, NOW)), [
      'Goal text must not be empty.',
      'Date the goal was set cannot be in the future (2025-07-01 is after today, 2025-06-15).',
    ]);
    assert.deepEqual(errors(validateGoal({ clientId: 1, text: 'x', setDate: '2025-06-01', targetDate: '2025-05-01' }, NOW)), [
      'Target date (2025-05-01) cannot be before Date the goal was set (2025-06-01).',
    ]);
    assert.deepEqual(errors(validateGoalStatus('finished', '2025-06-01', NOW)), ['Status must be one of open, achieved, dropped (got "finished").']);
    assert.deepEqual(errors(validateGoalStatus('achieved', undefined, NOW)), ['Date closed is required.']);
    const open = validateGoalStatus('open', '2025-06-01', NOW);
    assert.ok(open.ok && open.value.closedDate === null);
  });
});

describe('validateRunningLog', () => {
  test('Borg 6–20 whole numbers, HR 30–230, minutes ≥ 0, max HR ≥ average', () => {
    const r = validateRunningLog(
      { clientId: 3, date: '2025-06-15', intervals: [{ runMin: 1.5, walkMin: 1, reps: 6 }, { runMin: 5 }], continuousRunMin: 0, borg: 6, hrAvgBpm: 30, hrMaxBpm: 230 },
      NOW,
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.value.intervals, [{ runMin: 1.5, walkMin: 1, reps: 6 }, { runMin: 5, walkMin: 0, reps: 1 }]);
    assert.deepEqual(
      errors(validateRunningLog({ clientId: 3, date: '2025-06-15', borg: 5, hrAvgBpm: 29, hrMaxBpm: 231, continuousRunMin: -1 }, NOW)),
      [
        'Continuous running (minutes) must be between 0 and 1440 (got -1).',
        'Borg rating (RPE) must be between 6 and 20 (got 5).',
        'Average heart rate (bpm) must be between 30 and 230 (got 29).',
        'Maximum heart rate (bpm) must be between 30 and 230 (got 231).',
      ],
    );
    assert.deepEqual(errors(validateRunningLog({ clientId: 3, date: '2025-06-15', borg: 12.5 }, NOW)), ['Borg rating (RPE) must be a whole number (got 12.5).']);
    assert.deepEqual(errors(validateRunningLog({ clientId: 3, date: '2025-06-15', hrAvgBpm: 150, hrMaxBpm: 140 }, NOW)), [
      'Maximum heart rate (bpm) (140) cannot be lower than Average heart rate (bpm) (150).',
    ]);
    assert.deepEqual(errors(validateRunningLog({ clientId: 3, date: '2025-06-15', intervals: [{ runMin: -2, walkMin: 1, reps: 0 }] }, NOW)), [
      'Run minutes (Run/walk intervals #1) must be between 0 and 1440 (got -2).',
      'Repetitions (Run/walk intervals #1) must be between 1 and 100 (got 0).',
    ]);
    assert.deepEqual(errors(validateRunningLog({ clientId: 3, date: '2025-06-16' }, NOW)), [
      'Date cannot be in the future (2025-06-16 is after today, 2025-06-15).',
    ]);
  });
});

describe('validateSession', () => {
  test('type, start time normalised to UTC, JSON objects', () => {
    const r = validateSession({ clientId: 1, type: 'resonance', startedAt: '2025-06-15T10:00:00+02:00', pacer: { bpm: 6 } }, NOW);
    assert.ok(r.ok);
    assert.equal(r.value.startedAt, '2025-06-15T08:00:00.000Z');
    assert.deepEqual(errors(validateSession({ clientId: 1, type: 'yoga', startedAt: 'today', pacer: [1] }, NOW)), [
      'Session type must be one of breathing, biofeedback, resonance, running, group, home, run (got "yoga").',
      'Start time must be a valid date and time in ISO 8601 format (got "today").',
      'Pacer settings must be an object (got a list).',
    ]);
  });
});

describe('messages and beat flags', () => {
  test('formatMessage fills placeholders and leaves unknown ones visible', () => {
    assert.equal(formatMessage('outOfRange', { field: 'X', min: 1, max: 2, value: 3 }), 'X must be between 1 and 2 (got 3).');
    assert.equal(formatMessage('required', {}), '{field} is required.');
    const dutch = { ...MESSAGES_EN, required: '{field} is verplicht.' };
    assert.equal(formatMessage('required', { field: 'Naam' }, dutch), 'Naam is verplicht.');
  });

  test('beat flags combine and decode; extra beats are not NN', () => {
    const f = beatFlags('corrected', 'missed');
    assert.equal(f, BeatFlag.corrected | BeatFlag.missed);
    assert.deepEqual(beatFlagNames(f), ['corrected', 'missed']);
    assert.equal(isNnBeat(f), true);
    assert.equal(isNnBeat(BeatFlag.extra | BeatFlag.ectopic), false);
  });
});
