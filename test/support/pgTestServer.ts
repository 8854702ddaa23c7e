// A throw-away PostgreSQL server for the practice-mode tests (issue 17): `initdb` into a temp
// folder and `postgres` on a free loopback port, trust authentication for user 'cadans', no
// Unix socket outside that folder. initdb and postgres refuse to run as root: as root the cluster
// belongs to the 'postgres' user (Debian's package creates it) and the server runs as that user
// (setpriv, so the process we start IS the postmaster and signals reach it). The server can be
// stopped, killed (SIGQUIT: immediate shutdown without a checkpoint, as after a crash; the next
// start recovers from the WAL) and started again on the same port and data.
//
// PostgreSQL binaries: $CADANS_PG_BIN, else the newest /usr/lib/postgresql/<v>/bin, else PATH.
// `pgSkipReason()` is the reason to skip when none exist — except when CADANS_TEST_PG=required
// (.ci/run sets it): then the tests fail instead of skipping.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgTestServer {
  url: string;
  port: number;
  /** Start (again) on the same port and data; resolves when it accepts connections. */
  start(): Promise<void>;
  /** Fast shutdown (SIGINT), waits for the exit. */
  stop(): Promise<void>;
  /** Immediate shutdown (SIGQUIT): no checkpoint, connections cut at once; waits for the exit. */
  kill(): Promise<void>;
  /** Stop and remove the cluster. */
  dispose(): Promise<void>;
  running(): boolean;
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function pgBinDir(): string | null {
  const fromEnv = process.env.CADANS_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(base, versions[0], 'bin');
  }
  const initdb = which('initdb');
  return initdb ? join(initdb, '..') : null;
}

/** Why the PostgreSQL tests cannot run here, or null. Throws when CADANS_TEST_PG=required and there are no binaries. */
export function pgSkipReason(): string | null {
  if (pgBinDir() !== null) return null;
  const reason = 'no PostgreSQL binaries (initdb, postgres) on this machine: install the Debian package postgresql';
  if (process.env.CADANS_TEST_PG === 'required') throw new Error(`${reason} (CADANS_TEST_PG=required)`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error("running as root and there is no 'postgres' user to run the test server as");
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** The command line, as the postgres user when we are root. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [bin, args];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', bin, ...args]];
}

export async function startPgTestServer(): Promise<PgTestServer> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgSkipReason() ?? 'no PostgreSQL binaries');
  const dir = mkdtempSync(join(tmpdir(), 'cadans-pg-'));
  const data = join(dir, 'data');
  const owner = postgresUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'cadans', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // cwd: a folder the server user can enter (the repo may not be, when run as root).
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8', cwd: dir });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  const port = await freePort();
  const url = `postgres://cadans@127.0.0.1:${port}/postgres`;
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const ready = async (): Promise<void> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'cadans', '-d', 'postgres'], { encoding: 'utf8' });
      if (r.status === 0) return;
      if (proc === null) throw new Error(`postgres exited while starting: ${log}`);
      if (Date.now() > deadline) throw new Error(`postgres not ready after 60 s: ${log}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  };

  const server: PgTestServer = {
    url,
    port,
    running: () => proc !== null,
    async start() {
      if (proc) return;
      const [cmd, args] = asServerUser(join(bin, 'postgres'), [
        '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50',
      ]);
      const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
      proc = p;
      // A test process that ends without dispose() (a crash, a timeout) leaves no server behind.
      const onExit = (): void => void p.kill('SIGQUIT');
      process.once('exit', onExit);
      p.once('exit', () => process.off('exit', onExit));
      p.stderr!.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)));
      exited = new Promise((res) => p.once('exit', () => {
        if (proc === p) proc = null;
        res();
      }));
      await ready();
    },
    async stop() {
      if (!proc) return;
      proc.kill('SIGINT');
      await exited;
    },
    async kill() {
      if (!proc) return;
      proc.kill('SIGQUIT');
      await exited;
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
