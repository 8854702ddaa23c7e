/**
 * NobleSession: attaches to a noble-like adapter the safe way (sensor-protocols §7):
 * the 'stateChange' listener first (that starts the bindings), `state` read only
 * afterwards and inside try/catch, 'warning' captured (ENODEV ends up there), and a
 * timeout for the 'unknown forever' case of a machine without a Bluetooth adapter.
 * Also `loadNoble()` (lazy, failure-tolerant import) and the user-facing messages.
 */
import type { NobleLike } from './nobleTypes.js';
import { CadansError } from '../../shared/i18n/CadansError.js';

/** loadNoble: `await import('@abandonware/noble')`; rejects with a clear message if it cannot load. */
export async function loadNoble(): Promise<NobleLike> {
  try {
    const mod = (await import('@abandonware/noble')) as unknown as { default?: unknown };
    return (mod.default ?? mod) as NobleLike;
  } catch (err) {
    throw new CadansError('ble.noNoble', { detail: err instanceof Error ? err.message : String(err) });
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

/**
 * The adapter state as a coded error ('ble.adapter': read in the user's language); its message
 * stays `explainBluetoothState`'s English line (plus the adapter's warning, as technical detail).
 */
export function bluetoothStateError(state: string, opts: { seconds?: number; warning?: string } = {}, platform: string = process.platform, execPath: string = process.execPath): CadansError {
  const known = ['poweredOff', 'unauthorized', 'unsupported', 'resetting'].includes(state);
  const w = opts.warning ? ` (${opts.warning})` : '';
  const message =
    !known && opts.seconds !== undefined ? `no Bluetooth adapter found — state stayed '${state}' for ${opts.seconds} s${w}` : `${explainBluetoothState(state, platform, execPath)}${w}`;
  return new CadansError(
    'ble.adapter',
    { state: known ? state : 'unknown', platform: platform === 'linux' || platform === 'darwin' ? platform : 'other', execPath, warning: opts.warning ?? 'none' },
    { message },
  );
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
        else if (timeoutMs !== undefined && (s === 'poweredOff' || s === 'unauthorized' || s === 'unsupported')) done(bluetoothStateError(s));
      };
      this.waiters.add(check);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          done(bluetoothStateError(this.lastState, { seconds: timeoutMs / 1000, ...(this.lastWarning ? { warning: this.lastWarning } : {}) }));
        }, timeoutMs);
      }
      check(this.lastState);
    });
  }
}
