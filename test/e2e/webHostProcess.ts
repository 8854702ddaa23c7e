// Starts `cadans web` (the built CLI) as a child process for the browser tests and the UI
// benchmark: waits for the URL on the first stdout line, stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../support/paths.js';

export interface WebHostProcess {
  url: string;
  dbPath: string;
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  stop(): Promise<number | null>;
}

export async function startWebHostProcess(args: string[] = [], timeoutMs = 20_000, env: NodeJS.ProcessEnv = {}): Promise<WebHostProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-e2e-'));
  const dbPath = join(dir, 'cadans.sqlite');
  const child: ChildProcess = spawn(process.execPath, [cliPath, 'web', '--port', '0', '--db', dbPath, '--ble-scan-ms', '0', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cadans web printed no URL within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    const check = (): void => {
      const nl = stdout.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, nl).trim());
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cadans web exited (${code}) before printing its URL; stderr: ${stderr}`));
    });
  });
  return {
    url,
    dbPath,
    output: () => ({ stdout, stderr }),
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
