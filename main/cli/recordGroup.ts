/**
 * `cadans record` with several `--sensor`/`--client` pairs: a GROUP session (issue 14). Every client
 * records from their own sensor into a session of their own, all breathing with one pacer, through
 * the same app-core calls as the workstation (`connectSensor`/`addSensor`, `startGroupSession`,
 * `stopSession`). A sensor that drops out reconnects and leaves only its own client's session a gap;
 * a client whose sensor goes away for good (or sends nothing) ends alone, 'interrupted'.
 */
import type { Client } from '../../shared/domain/types.js';
import type { GroupMemberView } from '../../shared/ipc/apiTypes.js';
import { formatSensorNotice } from '../../shared/sensors/sensorNotices.js';
import type { AppRecorder } from '../app/appPorts.js';
import { emptySummary, storedSummary } from '../sessions/sessionSummary.js';
import type { CliCore } from './cliCore.js';
import { CliError } from './cliError.js';
import type { RecordArgs } from './recordCommand.js';
import { END_TEXT, fmt } from './recordCommand.js';
import { findClients } from './recordsClient.js';

/** What `cadans record --json` prints for a group session (exactly these fields, sessions in the order of the pairs). */
export interface GroupJson {
  groupId: number;
  sessions: { sessionId: number; clientId: number; durationSec: number; samples: number; beats: number; meanHrBpm: number | null; status: string }[];
}

export interface GroupResult {
  json: GroupJson;
  clients: Client[];
  specs: string[];
  /** Why each client's recording ended early (null: it ran to the group's end). */
  earlyEnds: (string | null)[];
  endReason: string;
}

/**
 * The pairs of a group, checked: the same sensor cannot be given to two clients; a simulator
 * without `seed=` gets a seed of its own (different physiology for every simulated client).
 */
export function groupPairs(specs: string[], clientSpecs: string[]): { spec: string; clientSpec: string }[] {
  const isSim = (s: string): boolean => /^sim(?=:|$)/i.test(s);
  const seedOf = (s: string): number | null => {
    const m = /[:,]seed=(-?\d+)(?=,|$)/i.exec(s);
    return m ? Number(m[1]) : null;
  };
  const taken = new Set(specs.map((s) => seedOf(s.trim())).filter((x): x is number => x !== null));
  let next = 1;
  const out = specs.map((raw, i) => {
    let spec = raw.trim();
    if (isSim(spec) && seedOf(spec) === null) {
      while (taken.has(next)) next++;
      taken.add(next);
      spec += (spec.includes(':') ? ',' : ':') + `seed=${next}`;
    }
    return { spec, clientSpec: clientSpecs[i]!.trim() };
  });
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.spec)) throw new CliError(`--sensor '${p.spec}' is given twice: every client needs their own sensor`, 2);
    seen.add(p.spec);
  }
  return out;
}

export async function recordGroup(cli: CliCore, args: RecordArgs): Promise<GroupResult> {
  const { api, core } = cli;
  const say = (msg: string): void => void process.stderr.write(`cadans record: ${msg}\n`);
  const pairs = args.pairs;
  const channels: string[] = [];
  const names = new Map<string, string>();
  const offConn = cli.on('onConnection', (e) => {
    const who = names.get(e.channel);
    if (who === undefined) return;
    if (e.notice) say(`${who}: ${formatSensorNotice(e.notice, 'en')}`);
    else if (e.state === 'reconnecting') say(`${who}: sensor connection lost, reconnecting`);
    else if (e.state === 'connected') say(`${who}: sensor connected`);
  });
  let groupId = 0;
  let members: GroupMemberView[] = [];
  let endReason: string | null = null;
  let recorders: AppRecorder[] = [];
  let stopRequested = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    const full = recorders.filter((r) => r.diskFull);
    if (stopRequested && full.length > 0) {
      say(args.overflowDir ? `${sig} again: saving in ${args.overflowDir} now` : `${sig} again: giving up the part that could not be saved`);
      for (const r of full) {
        if (args.overflowDir) r.saveToOverflow?.();
        else r.abandonUnsaved?.();
      }
      return;
    }
    stopRequested = true;
    say(`stopped by ${sig}; saving`);
    void api.stopSession().catch(() => undefined);
  };
  let clients: Client[];
  try {
    for (const [i, p] of pairs.entries()) {
      try {
        const ch = i === 0 ? await api.connectSensor(p.spec) : await api.addSensor(p.spec);
        channels.push(ch.channel);
        names.set(ch.channel, p.clientSpec);
      } catch (e) {
        throw new CliError(`cannot open sensor '${p.spec}' (for ${p.clientSpec}): ${(e as Error).message}`);
      }
    }
    clients = [];
    for (const p of pairs) {
      const found = findClients(core.storage, p.clientSpec);
      clients.push(found[0] ?? (await api.createClient({ name: p.clientSpec })));
    }
    const ended = new Promise<void>((resolve) => {
      cli.on('onSessionState', (st) => {
        if (groupId !== 0 && st.phase === 'idle' && st.lastEndedGroupId === groupId) {
          endReason = st.lastEndReason;
          resolve();
        } else if (groupId !== 0 && st.groupId === groupId) {
          for (const m of st.members) {
            const before = members.find((x) => x.sessionId === m.sessionId);
            if (m.state === 'ended' && before?.state !== 'ended') say(`${names.get(m.channel) ?? m.clientId}: recording ended (${END_TEXT[m.endReason ?? ''] ?? m.endReason}); the others go on`);
          }
          members = st.members;
        }
      });
    });
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const st = await api.startGroupSession({
      clients: clients.map((c, i) => ({ clientId: c.id, channel: channels[i]! })),
      pacer: args.pacer,
      ...(args.seconds !== undefined ? { maxSec: args.seconds } : {}),
    });
    groupId = st.groupId!;
    members = st.members;
    recorders = core.service.sessions.liveRecorders;
    say(`recording group ${groupId}: ${clients.map((c, i) => `${c.name} (session ${st.members[i]!.sessionId}, ${pairs[i]!.spec})`).join(', ')}` + (args.seconds ? ` for ${args.seconds} s` : ' until Ctrl+C'));
    await ended;
  } finally {
    offConn();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const lost = recorders.filter((r) => r.savedElsewhere || r.lostSec);
  if (lost.length > 0) {
    throw new CliError(
      args.finalNotice ??
        `the disk holding ${core.storage.db.name} was full: ` +
          lost.map((r) => (r.savedElsewhere ? `session ${r.sessionId} was saved in full in ${r.savedElsewhere}` : `the last ${Math.round(r.lostSec ?? 0)} s of session ${r.sessionId} were given up`)).join('; '),
    );
  }
  const rows = members.map((m) => core.storage.sessions.require(m.sessionId));
  if (rows.every((r) => r.samples === 0 && r.beats === 0)) {
    throw new CliError(`no data from any sensor of group ${groupId} (${pairs.map((p) => p.spec).join(', ')}); its sessions were kept as '${rows[0]?.status}' with nothing in them.`);
  }
  return {
    json: {
      groupId,
      sessions: rows.map((s) => ({
        sessionId: s.id,
        clientId: s.clientId,
        durationSec: Math.round(s.durationSec * 1000) / 1000,
        samples: s.samples,
        beats: s.beats,
        meanHrBpm: (storedSummary(s.summary) ?? emptySummary('no summary', s.durationSec)).meanHrBpm,
        status: s.status,
      })),
    },
    clients,
    specs: pairs.map((p) => p.spec),
    earlyEnds: members.map((m) => m.endReason),
    endReason: END_TEXT[endReason ?? 'stopped'] ?? String(endReason),
  };
}

export function formatGroup(r: GroupResult, file: string): string {
  const lines = [`Recorded group ${r.json.groupId} with ${r.clients.length} clients — ${r.endReason}`];
  r.json.sessions.forEach((s, i) => {
    const early = r.earlyEnds[i];
    lines.push(
      `  ${r.clients[i]!.name} (client ${s.clientId}): session ${s.sessionId}, ${s.status}, ${fmt(s.durationSec)} s, ${s.samples} samples, ` +
        `${s.beats} beats, heart rate ${fmt(s.meanHrBpm)} bpm — ${r.specs[i]}` +
        (early ? ` (ended early: ${END_TEXT[early] ?? early})` : ''),
    );
  });
  lines.push(`  database        ${file}`);
  return lines.join('\n') + '\n';
}
