/**
 * The clients of a live session (`SessionCalls`): a single session has one member, a group session
 * (issue 14) several — each with their own sensor (channel), their own `SessionRecorder` and so their
 * own session, recording lock and gaps. The first member's channel clock is the pacer's clock; every
 * other member's times are converted to its own channel clock ("now" on both clocks is the same
 * moment) and then to its own recording clock.
 */
import type { SessionType } from '../../shared/domain/types.js';
import type { GroupMemberView, StartGroupSessionRequest } from '../../shared/ipc/apiTypes.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import type { PacerSettings } from '../../shared/pacer/pacerSettings.js';
import type { Storage } from '../storage/storage.js';
import type { AppChannel, AppRecorder, AppRecorderOptions } from './appPorts.js';

/** Without any data for this long after the start, a session (or a group member) ends ('no-data'), s. */
export const NO_DATA_END_SEC = 10;

export interface Member {
  recorder: AppRecorder;
  clientId: number;
  channel: string;
  /** Why this member stopped before the rest of the session (null: still recording). */
  endReason: string | null;
  /** Its own `maxSec` was reached. */
  limitReached: boolean;
  /** Its early stop (when it ended before the rest). */
  stopped: Promise<unknown> | null;
}

export function newMember(recorder: AppRecorder, clientId: number, channel: string): Member {
  return { recorder, clientId, channel, endReason: null, limitReached: false, stopped: null };
}

export function memberView(m: Member): GroupMemberView {
  return {
    sessionId: m.recorder.sessionId,
    clientId: m.clientId,
    channel: m.channel,
    state: m.endReason === null ? 'recording' : 'ended',
    endReason: m.endReason,
    recordedSec: m.recorder.elapsedSec,
  };
}

/** Members still recording. */
export const liveMembers = (members: readonly Member[]): Member[] => members.filter((m) => m.endReason === null);

/**
 * The request's clients, checked: at least 2, no client twice, no sensor twice (coded errors in
 * the user's language). Whether each client exists and each channel is connected is checked by the caller.
 */
export function checkGroupClients(req: StartGroupSessionRequest): StartGroupSessionRequest['clients'] {
  const clients = req.clients;
  if (clients.length < 2) throw new CadansError('session.groupTooSmall');
  const seenClients = new Set<number>();
  const seenChannels = new Set<string>();
  for (const c of clients) {
    if (seenClients.has(c.clientId)) throw new CadansError('session.groupSameClient', { clientId: c.clientId });
    if (seenChannels.has(c.channel)) throw new CadansError('session.groupSameSensor', { channel: c.channel });
    seenClients.add(c.clientId);
    seenChannels.add(c.channel);
  }
  return clients;
}

/** Why a member's recording must end now ('sensor-lost', 'stream-ended', 'no-data'), or null; `ch`: its channel. */
export function memberTrouble(ch: AppChannel | undefined, m: Member): string | null {
  if (!ch) return 'sensor-lost';
  if (ch.state === 'disconnected' || ch.state === 'error') return ch.lastNotice?.code === 'end-of-recording' ? 'stream-ended' : 'sensor-lost';
  if (m.recorder.elapsedSec === 0 && ch.silentSec >= NO_DATA_END_SEC) return 'no-data';
  return null;
}

/** The access log's 'record' entry of a session; a failure is reported, never the recording's problem. */
export function logRecord(storage: Storage, clientId: number, sessionId: number, detail: string): void {
  try {
    storage.accessLog.append({ action: 'record', clientId, sessionId, detail });
  } catch (e) {
    console.error(`cadans: access log not written (record, client ${clientId}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Local calendar date of `d` (YYYY-MM-DD), as course dates are written. */
function localDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The treatment course a member's session belongs to: the one asked for (null: none), else the
 * client's course current on `now` (the latest that started on or before that day), so a group
 * session is in the client's course progress report like the rest of the course.
 */
export function memberCourseId(storage: Storage, clientId: number, asked: number | null | undefined, now: Date): number | null {
  if (asked !== undefined) return asked;
  const today = localDate(now);
  let best: { id: number; startDate: string } | null = null;
  for (const c of storage.courses.listByClient(clientId)) if (c.startDate <= today && (!best || c.startDate >= best.startDate)) best = c;
  return best?.id ?? null;
}

export interface StartMembersOptions {
  clients: { clientId: number; channel: string; courseId?: number | null }[];
  type: SessionType;
  pacer: PacerSettings | null;
  groupId: number;
  maxSec?: number;
  onLimit: (m: Member) => void;
  /** The start (for each client's current course; default now). */
  now?: Date;
}

/**
 * Start a recorder (and so a session in the client's own record) for every client of group `groupId`.
 * When one cannot start, the ones already started are stopped ('interrupted', their lock released),
 * the group is ended and the error is thrown.
 */
export function startMembers(storage: Storage, createRecorder: (o: AppRecorderOptions) => AppRecorder, o: StartMembersOptions): Member[] {
  const members: Member[] = [];
  try {
    for (const c of o.clients) {
      let member: Member | null = null;
      const recorder = createRecorder({
        clientId: c.clientId,
        type: o.type,
        channel: c.channel,
        pacer: o.pacer,
        courseId: memberCourseId(storage, c.clientId, c.courseId, o.now ?? new Date()),
        groupId: o.groupId,
        maxSec: o.maxSec,
        onLimit: () => member && o.onLimit(member),
      });
      recorder.start();
      member = newMember(recorder, c.clientId, c.channel);
      members.push(member);
      logRecord(storage, c.clientId, recorder.sessionId, `startGroupSession ${o.type} group ${o.groupId}`);
    }
  } catch (e) {
    for (const m of members) void m.recorder.stop('interrupted').catch(() => undefined);
    storage.groups.end(o.groupId);
    throw e;
  }
  return members;
}
