/**
 * `EmulatedPort` — a fake serial port (the `SerialPortLike` the app opens) in front of a
 * `DeviceEmulator`, without a PTY: the emulated device answers at the settings the port is opened
 * with (bytes at another baud rate arrive as a UART would garble them), and what the app writes
 * reaches the device only at its own baud rate. `log` records each open; `written` every byte sent.
 */
import type { SerialPortLike, SerialPortOpenOptions } from '../../../native-adapters/sensors/serialSource.js';
import type { DeviceEmulator } from './deviceEmulator.js';
import { uartResample } from './uartMismatch.js';

export class EmulatedPort implements SerialPortLike {
  isOpen = false;
  readonly written: number[] = [];
  private handlers: ((b: Uint8Array) => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly emu: DeviceEmulator,
    private readonly o: SerialPortOpenOptions,
    /** Emulator time now, s. */
    private readonly now: () => number,
    private readonly log: string[] = [],
  ) {}

  open(cb: (err: Error | null) => void): void {
    this.isOpen = true;
    this.log.push(`open ${this.o.baudRate}`);
    this.timer = setInterval(() => {
      const t = this.now();
      this.emu.advance(t);
      const b = this.emu.takeDue(t);
      if (!b) return;
      const p = this.emu.profile;
      const heard = this.o.baudRate === p.baudRate ? b : uartResample(b, { baudRate: p.baudRate, parity: p.parity }, { baudRate: this.o.baudRate });
      for (const h of this.handlers) h(heard);
    }, 20);
    setImmediate(() => cb(null));
  }
  close(cb?: (err: Error | null) => void): void {
    this.isOpen = false;
    if (this.timer) clearInterval(this.timer);
    setImmediate(() => cb?.(null));
  }
  write(data: Uint8Array, cb?: (err: Error | null | undefined) => void): boolean {
    this.written.push(...data);
    if (this.o.baudRate === this.emu.profile.baudRate) {
      const t = this.now();
      this.emu.advance(t);
      this.emu.hostInput(data, t);
    }
    setImmediate(() => cb?.(null));
    return true;
  }
  on(ev: string, fn: (x: never) => void): unknown {
    if (ev === 'data') this.handlers.push(fn as (b: Uint8Array) => void);
    return this;
  }
  removeAllListeners(): unknown {
    this.handlers = [];
    return this;
  }
}
