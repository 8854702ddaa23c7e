// The week schedule's words for one session: warm-up and cool-down on their own lines, equal
// [run, walk] pairs in a row written once with their count, a single pair on one line, a run
// without a walk after it as a run; nl and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalSession, type ProgrammeBlock } from '../../../shared/running/programme.js';
import { sessionWords } from '../../../shared/report/runSchedule.js';
import { runScheduleMessages } from '../../../shared/report/runScheduleTexts.js';

const nlNum = (x: number): string => String(x).replace('.', ',');

test('the template week 1 in Dutch and English', () => {
  const week = { sessionsPerWeek: 3, blocks: intervalSession(6, 1, 2) };
  assert.deepEqual(sessionWords(week, runScheduleMessages('nl'), nlNum), ['5 min wandelen (warming-up)', '6 × [1 min hardlopen, 2 min wandelen]', '5 min wandelen (cooling-down)']);
  assert.deepEqual(sessionWords(week, runScheduleMessages('en'), String), ['5 min walking (warm-up)', '6 × [1 min running, 2 min walking]', '5 min walking (cool-down)']);
});

test('an edited week: a longer first pair, then the repeated pairs, a last run without a walk', () => {
  const blocks: ProgrammeBlock[] = [
    { kind: 'warmup', sec: 300 },
    { kind: 'run', sec: 90 },
    { kind: 'walk', sec: 120 },
    ...Array.from({ length: 4 }, (): ProgrammeBlock[] => [{ kind: 'run', sec: 60 }, { kind: 'walk', sec: 120 }]).flat(),
    { kind: 'run', sec: 180 },
    { kind: 'cooldown', sec: 240 },
  ];
  assert.deepEqual(sessionWords({ sessionsPerWeek: 3, blocks }, runScheduleMessages('nl'), nlNum), [
    '5 min wandelen (warming-up)',
    '1,5 min hardlopen, 2 min wandelen',
    '4 × [1 min hardlopen, 2 min wandelen]',
    '3 min hardlopen',
    '4 min wandelen (cooling-down)',
  ]);
  // Continuous running (weeks 9–12): one run block.
  assert.deepEqual(sessionWords({ sessionsPerWeek: 3, blocks: intervalSession(1, 25, 0) }, runScheduleMessages('en'), String), ['5 min walking (warm-up)', '25 min running', '5 min walking (cool-down)']);
});
