/**
 * NobleSession: attaches to a noble-like adapter the safe way (sensor-protocols §7):
 * the 'stateChange' listener first (that starts the bindings), `state` read only
 * afterwards and inside try/catch, 'warning' captured (ENODEV ends up there), and a
 * timeout for the 'unknown forever' case of a machine without a Bluetooth adapter.
 * Also `loadNoble()` (lazy, failure-tolerant import) and the user-facing messages.
 */
import type { NobleLike } from './nobleTypes.js';

/** loadNoble: `await import('@abandonware/noble')`; rejects with a clear message if it cannot load. */
export async function loadNoble(): Promise<NobleLike> {
  try {
    const mod = (await import('@abandonware/noble')) as unknown as { default?: unknown };
    return (mod.default ?? mod) as NobleLike;
  } catch (err) {
    throw new Error(`Bluetooth support is unavailable: cannot load @abandonware/noble (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** explainBluetoothState: what to tell the user for an adapter state other than poweredOn. */
export function explainBluetoothState(state: string, platform: string = process.platform, execPath: string = process.execPath): string {
  switch (state) {
    case 'poweredOff':
      return 'Bluetooth is switched off — switch it on in the system settings';
    case 'unauthorized':
      if (platform === 'linux') {
        return `no permission to use Bluetooth — run once: sudo setcap cap_net_raw+eip $(readlink -f ${execPath}) (the real node or electron binary)`;
      }
      if (platform === 'darwin') return 'no permission to use Bluetooth — allow it for Cadans in System Settings › Privacy & Security › Bluetooth';
      return 'no permission to use Bluetooth';
    case 'unsupported':
      return 'this Bluetooth adapter does not support Bluetooth Low Energy';
    case 'resetting':
      return 'the Bluetooth adapter is resetting';
    default:
      return 'no Bluetooth adapter found';
  }
}

type StateWaiter = (state: string) => void;

export class NobleSession {
  private lastState = 'unknown';
  lastWarning: string | undefined;
  private waiters = new Set<StateWaiter>();
  private readonly onState = (s: string) => {
    this.lastState = s;
    for (const w of [...this.waiters]) w(s);
    this.stateListener?.(s);
  };
  private readonly onWarning = (m: string) => {
    this.lastWarning = String(m);
  };
  private attached = false;

  constructor(
    readonly noble: NobleLike,
    private readonly stateListener?: (s: string) => void,
  ) {}

  /** Attach the listeners ('stateChange' first), then read the state safely. */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.noble.on('warning', this.onWarning);
    this.noble.on('stateChange', this.onState);
    try {
      this.lastState = this.noble.state ?? 'unknown';
    } catch (err) {
      this.lastWarning = err instanceof Error ? err.message : String(err);
      this.lastState = 'unknown';
    }
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.noble.removeListener('stateChange', this.onState);
    this.noble.removeListener('warning', this.onWarning);
    this.waiters.clear();
  }

  get state(): string {
    return this.lastState;
  }

  /**
   * waitPoweredOn: resolves when the adapter is poweredOn. With `timeoutMs`, rejects at
   * once for poweredOff/unauthorized/unsupported and after the timeout for unknown/resetting.
   * Without a timeout it waits (e.g. for the user to switch Bluetooth back on).
   */
  waitPoweredOn(timeoutMs?: number): Promise<void> {
    this.attach();
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = (err?: Error) => {
        this.waiters.delete(check);
        if (timer) clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const check: StateWaiter = (s) => {
        if (s === 'poweredOn') done();
        else if (timeoutMs !== undefined && (s === 'poweredOff' || s === 'unauthorized' || s === 'unsupported')) done(new Error(explainBluetoothState(s)));
      };
      this.waiters.add(check);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const w = this.lastWarning ? ` (${this.lastWarning})` : '';
          const s = this.lastState;
          done(new Error(s === 'unknown' ? `no Bluetooth adapter found — state stayed 'unknown' for ${timeoutMs / 1000} s${w}` : `${explainBluetoothState(s)}${w}`));
        }, timeoutMs);
      }
      check(this.lastState);
    });
  }
}
