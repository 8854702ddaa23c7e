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
import type { Locale } from '../../shared/i18n/locales.js';
import { CliError, cliError, sensorProblemText } from './cliError.js';
import { cliLine, cliNum, cliText, type CliParams, type CliTextKey } from './cliText.js';
import type { RecordArgs } from './recordCommand.js';
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
  /** The same in the CLI's language. */
  earlyEndTexts: (string | null)[];
  /** Why the group's recording ended, in the CLI's language. */
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
    if (seen.has(p.spec)) throw cliError('record.sensorTwice', { spec: p.spec }, 2);
    seen.add(p.spec);
  }
  return out;
}

export async function recordGroup(cli: CliCore, args: RecordArgs): Promise<GroupResult> {
  const { api, core } = cli;
  const say = (msg: string): void => void process.stderr.write(`cadans record: ${msg}\n`);
  const t = (key: CliTextKey, params?: CliParams): string => cliText(args.lang, key, params);
  const endText = (reason: string | null | undefined): string => t('record.end', { code: (reason ?? 'stopped').replace(/-/g, '_'), reason: String(reason) });
  const pairs = args.pairs;
  const channels: string[] = [];
  const names = new Map<string, string>();
  const offConn = cli.on('onConnection', (e) => {
    const who = names.get(e.channel);
    if (who === undefined) return;
    if (e.notice) say(`${who}: ${formatSensorNotice(e.notice, args.lang)}`);
    else if (e.state === 'reconnecting') say(t('group.reconnecting', { who }));
    else if (e.state === 'connected') say(t('group.sensorConnected', { who }));
  });
  let groupId = 0;
  let members: GroupMemberView[] = [];
  let endReason: string | null = null;
  let recorders: AppRecorder[] = [];
  let stopRequested = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    const full = recorders.filter((r) => r.diskFull);
    if (stopRequested && full.length > 0) {
      say(args.overflowDir ? t('record.signalAgainOverflow', { signal: sig, dir: args.overflowDir }) : t('record.signalAgainGiveUp', { signal: sig }));
      for (const r of full) {
        if (args.overflowDir) r.saveToOverflow?.();
        else r.abandonUnsaved?.();
      }
      return;
    }
    stopRequested = true;
    say(t('record.stoppedBy', { signal: sig }));
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
        throw cliError('group.cannotOpenSensor', { spec: p.spec, client: p.clientSpec, detail: sensorProblemText(args.lang, e) });
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
            if (m.state === 'ended' && before?.state !== 'ended') say(t('group.memberEnded', { who: names.get(m.channel) ?? String(m.clientId), end: endText(m.endReason) }));
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
    const who = clients.map((c, i) => t('group.member', { name: c.name, sessionId: String(st.members[i]!.sessionId), spec: pairs[i]!.spec })).join(', ');
    say(t('group.recording', { groupId: String(groupId), members: who, seconds: args.seconds ? String(args.seconds) : 'none' }));
    await ended;
  } finally {
    offConn();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const lost = recorders.filter((r) => r.savedElsewhere || r.lostSec);
  if (lost.length > 0) {
    const part = (r: (typeof lost)[number]): string =>
      r.savedElsewhere ? t('group.savedElsewhere', { sessionId: String(r.sessionId), dir: r.savedElsewhere }) : t('group.givenUp', { sec: String(Math.round(r.lostSec ?? 0)), sessionId: String(r.sessionId) });
    throw new CliError(args.finalNotice ?? t('group.diskFull', { db: core.storage.db.name, parts: lost.map(part).join('; ') }));
  }
  const rows = members.map((m) => core.storage.sessions.require(m.sessionId));
  if (rows.every((r) => r.samples === 0 && r.beats === 0)) {
    throw cliError('group.noData', { groupId: String(groupId), specs: pairs.map((p) => p.spec).join(', '), status: String(rows[0]?.status) });
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
    endReason: endText(endReason),
    earlyEndTexts: members.map((m) => (m.endReason ? endText(m.endReason) : null)),
  };
}

export function formatGroup(r: GroupResult, file: string, locale: Locale = 'en'): string {
  const t = (key: CliTextKey, params?: CliParams): string => cliText(locale, key, params);
  const lines = [t('group.title', { groupId: String(r.json.groupId), count: String(r.clients.length), end: r.endReason })];
  r.json.sessions.forEach((s, i) => {
    const early = r.earlyEndTexts[i];
    const row = {
      name: r.clients[i]!.name,
      clientId: String(s.clientId),
      sessionId: String(s.sessionId),
      status: s.status,
      sec: cliNum(locale, s.durationSec),
      samples: String(s.samples),
      beats: String(s.beats),
      hr: cliNum(locale, s.meanHrBpm),
      spec: r.specs[i]!,
      early: early ? t('group.endedEarly', { end: early }) : '',
    };
    lines.push(`  ${t('group.row', row)}`);
  });
  lines.push(cliLine(t('record.database'), file));
  return lines.join('\n') + '\n';
}
