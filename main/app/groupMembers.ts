/**
 * The clients of a live session (`SessionCalls`): a single session has one member, a group session
 * (issue 14) several — each with their own sensor (channel), their own `SessionRecorder` and so their
 * own session, recording lock and gaps. The first member's channel clock is the pacer's clock; every
 * other member's times are converted to its own channel clock ("now" on both clocks is the same
 * moment) and then to its own recording clock.
 */
import type { GroupMemberView, StartGroupSessionRequest } from '../../shared/ipc/apiTypes.js';
import { CadansError } from '../../shared/i18n/CadansError.js';
import type { AppRecorder } from './appPorts.js';

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
export function checkGroupClients(req: StartGroupSessionRequest): { clientId: number; channel: string }[] {
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
