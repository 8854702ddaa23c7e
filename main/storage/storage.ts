/**
 * One object with the open database and all repositories, for the app, the CLI and tests:
 * `const storage = openStorage(file); storage.clients.create(...); storage.close();`
 */
import {
  closeDatabase,
  openDatabase,
  RecordingLock,
  type Db,
  type OpenDatabaseOptions,
} from '../../native-adapters/sqlite/openDatabase.js';
import { AccessLogRepo } from './accessLogRepo.js';
import { BeatsRepo } from './beatsRepo.js';
import { ClientSensorsRepo } from './clientSensorsRepo.js';
import { ClientsRepo } from './clientsRepo.js';
import { CoursesRepo } from './coursesRepo.js';
import { GapsRepo } from './gapsRepo.js';
import { GoalsRepo } from './goalsRepo.js';
import { MarkersRepo } from './markersRepo.js';
import { MetricsRepo } from './metricsRepo.js';
import { PacerChangesRepo } from './pacerChangesRepo.js';
import { PrescriptionsRepo } from './prescriptionsRepo.js';
import { QuestionnairesRepo } from './questionnairesRepo.js';
import { RecordHistoryRepo } from './recordHistoryRepo.js';
import { RunningLogRepo } from './runningLogRepo.js';
import { RunProgrammesRepo } from './runProgrammesRepo.js';
import { SessionGroupsRepo } from './sessionGroupsRepo.js';
import { SessionsRepo } from './sessionsRepo.js';
import { SessionWriter, type SessionWriterOptions } from './sessionWriter.js';
import { SignalRepo } from './signalRepo.js';

export class Storage {
  readonly clients: ClientsRepo;
  readonly courses: CoursesRepo;
  readonly goals: GoalsRepo;
  readonly sessions: SessionsRepo;
  /** Group sessions: one shared pacer, a session per client (`SessionRow.groupId`). */
  readonly groups: SessionGroupsRepo;
  readonly signal: SignalRepo;
  readonly beats: BeatsRepo;
  readonly metrics: MetricsRepo;
  readonly markers: MarkersRepo;
  readonly gaps: GapsRepo;
  readonly pacerChanges: PacerChangesRepo;
  readonly questionnaires: QuestionnairesRepo;
  readonly runningLog: RunningLogRepo;
  /** Who opened, exported, reported or changed which client record (NEN 7513). */
  readonly accessLog: AccessLogRepo;
  /** Before/after of every edited or deleted questionnaire result, goal, running-log entry or marker. */
  readonly history: RecordHistoryRepo;
  /** Home-practice prescriptions (migration 5). */
  readonly prescriptions: PrescriptionsRepo;
  /** Run/walk programmes of running therapy (migration 9). */
  readonly runProgrammes: RunProgrammesRepo;
  /** The sensor each client last recorded with (migration 8). */
  readonly clientSensors: ClientSensorsRepo;

  constructor(readonly db: Db) {
    this.clients = new ClientsRepo(db);
    this.courses = new CoursesRepo(db);
    this.goals = new GoalsRepo(db);
    this.sessions = new SessionsRepo(db);
    this.groups = new SessionGroupsRepo(db);
    this.signal = new SignalRepo(db);
    this.beats = new BeatsRepo(db);
    this.metrics = new MetricsRepo(db);
    this.markers = new MarkersRepo(db);
    this.gaps = new GapsRepo(db);
    this.pacerChanges = new PacerChangesRepo(db);
    this.questionnaires = new QuestionnairesRepo(db);
    this.runningLog = new RunningLogRepo(db);
    this.accessLog = new AccessLogRepo(db);
    this.history = new RecordHistoryRepo(db);
    this.prescriptions = new PrescriptionsRepo(db);
    this.runProgrammes = new RunProgrammesRepo(db);
    this.clientSensors = new ClientSensorsRepo(db);
  }

  /** A writer that buffers a live session and commits it with `flush()`. */
  writer(sessionId: number, options?: SessionWriterOptions): SessionWriter {
    return new SessionWriter(this.db, sessionId, options);
  }

  /**
   * Take the recording lock of session `sessionId`, which this process is about to record: other
   * processes then see it as live however long it cannot write (see `SessionsRepo.recoverInterruptedSessions`).
   * Null for an in-memory database. Throws when the lock file cannot be created or is held.
   */
  lockRecording(sessionId: number): RecordingLock | null {
    return this.db.memory ? null : RecordingLock.acquire(this.db.name, sessionId);
  }

  close(): void {
    closeDatabase(this.db);
  }
}

/** Open (or create) the database at `file` and build the repositories. Throws `DatabaseFileError`. */
export function openStorage(file: string, options?: OpenDatabaseOptions): Storage {
  return new Storage(openDatabase(file, options));
}
