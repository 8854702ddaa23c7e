// Helpers of the report tests: a records database with a client's course, goals, questionnaires,
// running log and sessions whose raw signal is real (simulator or ../shared/data recordings),
// written through the storage repositories and SessionWriter exactly as a recording stores it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage } from '../../../main/storage/storage.js';
import type { PacerSettings } from '../../../shared/pacer/pacerSettings.js';
import { simulatePpg } from '../../../shared/sim/simulate.js';
import type { SimOptions } from '../../../shared/sim/simOptions.js';
import type { JsonObject, SessionType } from '../../../shared/domain/types.js';
import { loadRecording } from '../../support/loadRecording.js';

const made: string[] = [];

export function makeTempDir(prefix = 'cadans-report-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface StoredSignalSession {
  sessionId: number;
  /** The samples exactly as stored (float32). */
  values: Float32Array;
  fsHz: number;
}

export interface SignalSessionSpec {
  clientId: number;
  courseId?: number | null;
  type?: SessionType;
  startedAt: string;
  pacer?: PacerSettings | null;
  values: ArrayLike<number>;
  fsHz: number;
  sensorSpec?: string;
  sensorInfo?: JsonObject;
  markers?: { tSec: number; kind: string; note?: string }[];
  pacerChanges?: { tSec: number; settings: PacerSettings }[];
  notes?: string;
}

/** Store a session with its raw signal in 1 s chunks (as the recorder does), then finish it. */
export function storeSignalSession(s: Storage, spec: SignalSessionSpec): StoredSignalSession {
  const values = Float32Array.from(spec.values);
  const row = s.sessions.create({
    clientId: spec.clientId,
    courseId: spec.courseId ?? null,
    type: spec.type ?? (spec.pacer ? 'breathing' : 'biofeedback'),
    sensorSpec: spec.sensorSpec ?? 'sim',
    sensorInfo: spec.sensorInfo ?? { kind: 'sim', label: 'Simulator' },
    pacer: spec.pacer ? ({ ...spec.pacer } as JsonObject) : null,
    startedAt: spec.startedAt,
    fsHz: spec.fsHz,
    notes: spec.notes ?? '',
  });
  const w = s.writer(row.id, { syncWal: false, backgroundCheckpoint: false });
  const step = Math.round(spec.fsHz);
  for (let i = 0; i < values.length; i += step) {
    w.pushSamples({ t0Sec: i / spec.fsHz, fsHz: spec.fsHz, values: values.subarray(i, Math.min(values.length, i + step)) });
  }
  for (const mk of spec.markers ?? []) w.pushMarker({ tSec: mk.tSec, kind: mk.kind, note: mk.note ?? '' });
  for (const c of spec.pacerChanges ?? []) w.pushPacerChange(c.tSec, { ...c.settings } as JsonObject);
  const durationMs = (values.length / spec.fsHz) * 1000;
  w.finish('complete', { endedAt: new Date(Date.parse(spec.startedAt) + durationMs).toISOString() });
  return { sessionId: row.id, values, fsHz: spec.fsHz };
}

/** A simulated session: `simulatePpg` with the pacer the client breathes with. */
export function storeSimSession(
  s: Storage,
  spec: Omit<SignalSessionSpec, 'values' | 'fsHz'> & { sim?: Partial<SimOptions>; durationSec: number },
): StoredSignalSession {
  const sim = simulatePpg({ fsHz: 100, ...spec.sim }, spec.durationSec, spec.pacer ?? undefined);
  return storeSignalSession(s, { ...spec, values: sim.values, fsHz: sim.fsHz });
}

/** A session replaying a recording of ../shared/data (its PPG column). */
export function storeRecordingSession(s: Storage, name: string, spec: Omit<SignalSessionSpec, 'values' | 'fsHz'>): StoredSignalSession {
  const rec = loadRecording(name);
  return storeSignalSession(s, { sensorSpec: `file:${name}`, sensorInfo: { kind: 'file', label: `Replay of ${name}` }, ...spec, values: rec.ppg, fsHz: rec.fsHz });
}

export interface CourseFixture {
  file: string;
  clientId: number;
  courseId: number;
  sessions: StoredSignalSession[];
}

const day = (iso: string, plus: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

/**
 * A six-week course of one client: intake, week 3 and week 6 questionnaires (4DKL, MVI, Nijmegen),
 * three SMART goals, a weekly running log growing to 20 minutes of continuous running, and
 * `sessionCount` simulated breathing sessions (one a few days apart, coherence improving).
 */
export function makeCourseDatabase(dir: string, opts: { sessionCount?: number; sessionSec?: number } = {}): CourseFixture {
  const file = join(dir, 'course.db');
  const s = openStorage(file);
  try {
    const start = '2025-01-06';
    const client = s.clients.create({ name: 'Anna de Vries', dateOfBirth: '1984-05-12', complaint: 'burn-out', referralSource: 'huisarts' });
    const course = s.courses.create({ clientId: client.id, startDate: start, intakeDate: start, midEvaluationDate: day(start, 21), finalEvaluationDate: day(start, 42) });
    const g1 = s.goals.create({ clientId: client.id, courseId: course.id, text: 'Binnen 6 weken 20 minuten onafgebroken hardlopen', setDate: start, targetDate: day(start, 42) });
    const g2 = s.goals.create({ clientId: client.id, courseId: course.id, text: 'Dagelijks 10 minuten ademoefening op 6/min', setDate: start });
    s.goals.create({ clientId: client.id, courseId: course.id, text: 'Weer 4 uur per dag werken', setDate: day(start, 7), targetDate: day(start, 56) });
    s.goals.setStatus(g1.id, 'achieved', day(start, 40));
    s.goals.setStatus(g2.id, 'dropped', day(start, 20));
    const moments: [string, number, [number, number, number, number], [number, number, number, number, number], number][] = [
      ['intake', 0, [24, 4, 9, 16], [18, 15, 14, 12, 17], 31],
      ['week3', 21, [17, 3, 6, 12], [15, 13, 12, 10, 14], 24],
      ['week6', 42, [9, 1, 3, 7], [11, 10, 9, 8, 10], 14],
    ];
    for (const [moment, d, fourDkl, mvi, nq] of moments) {
      const base = { clientId: client.id, courseId: course.id, moment: moment as 'intake', date: day(start, d) };
      s.questionnaires.create({ ...base, instrument: '4dkl', scores: { distress: fourDkl[0], depression: fourDkl[1], anxiety: fourDkl[2], somatisation: fourDkl[3] } });
      s.questionnaires.create({
        ...base,
        instrument: 'mvi',
        scores: { generalFatigue: mvi[0], physicalFatigue: mvi[1], reducedActivity: mvi[2], reducedMotivation: mvi[3], mentalFatigue: mvi[4] },
      });
      s.questionnaires.create({ ...base, instrument: 'nq', scores: { total: nq } });
    }
    const run = [2, 4, 5, 8, 10, 13, 16, 20];
    run.forEach((minutes, i) => {
      s.runningLog.create({
        clientId: client.id,
        courseId: course.id,
        date: day(start, 2 + i * 5),
        intervals: [{ runMin: Math.min(minutes, 5), walkMin: 1, reps: Math.max(1, Math.round(20 / (Math.min(minutes, 5) + 1))) }],
        continuousRunMin: minutes,
        borg: 15 - Math.floor(i / 2),
        hrAvgBpm: 150 - i * 2,
        hrMaxBpm: 172 - i * 2,
        notes: i === 0 ? 'Eerste training, zwaar' : '',
      });
    });
    const sessions: StoredSignalSession[] = [];
    const n = opts.sessionCount ?? 8;
    for (let i = 0; i < n; i++) {
      const pacer: PacerSettings = { rateBpm: 6, inhaleFraction: 0.4 };
      sessions.push(
        storeSimSession(s, {
          clientId: client.id,
          courseId: course.id,
          startedAt: `${day(start, 1 + i * 5)}T09:${String(10 + i).padStart(2, '0')}:00.000Z`,
          pacer,
          durationSec: opts.sessionSec ?? 150,
          sim: { seed: 11 + i, compliance: 0.5 + (0.45 * i) / Math.max(1, n - 1), hrBpm: 78 - i, jitterBpm: 1.2 - i * 0.08 },
          markers: i === 0 ? [{ tSec: 30, kind: 'note', note: 'Start ademoefening' }] : [],
        }),
      );
    }
    return { file, clientId: client.id, courseId: course.id, sessions };
  } finally {
    s.close();
  }
}
