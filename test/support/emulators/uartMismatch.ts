/**
 * uartResample: what a UART receiving at one baud rate makes of bytes sent back-to-back
 * at another — the garbage a host sees when it opens the port at the wrong speed.
 * A bit-level model: the transmitter's line (start bit 0, 8 data bits LSB first, an
 * optional parity bit, stop bit 1, idle 1) is sampled by the receiver in the middle of
 * each of its own bit periods after every falling edge; a byte is delivered even with a
 * framing error, as Linux does for a raw port without INPCK. Pseudo-terminals carry no
 * baud rate, so the emulator runner (emulateDevice.ts) applies this when the app end's
 * speed (read with `stty`) differs from the device's.
 */

export interface UartFrame {
  baudRate: number;
  /** Parity bit present (odd or even) — only its length matters here. */
  parity?: 'none' | 'odd' | 'even';
}

function frameBits(f: UartFrame): number {
  return 10 + (f.parity && f.parity !== 'none' ? 1 : 0);
}

function parityBit(byte: number, parity: UartFrame['parity']): number {
  let ones = 0;
  for (let b = byte; b; b >>= 1) ones += b & 1;
  return parity === 'odd' ? (ones & 1 ? 0 : 1) : ones & 1;
}

/** Bytes the receiver (rx) reads from `bytes` sent back-to-back by the transmitter (tx). */
export function uartResample(bytes: Uint8Array, tx: UartFrame, rx: UartFrame): Uint8Array {
  if (bytes.length === 0) return bytes;
  const txBits = frameBits(tx);
  const totalBits = bytes.length * txBits;
  const level = (bit: number): number => {
    if (bit < 0 || bit >= totalBits) return 1;
    const k = Math.floor(bit / txBits);
    const i = bit - k * txBits;
    if (i === 0) return 0;
    if (i <= 8) return (bytes[k] >> (i - 1)) & 1;
    if (i === 9 && txBits === 11) return parityBit(bytes[k], tx.parity);
    return 1;
  };
  const tTx = 1 / tx.baudRate;
  const tRx = 1 / rx.baudRate;
  const at = (tSec: number) => level(Math.floor(tSec / tTx + 1e-9));
  const rxBits = frameBits(rx);
  const out: number[] = [];
  let bit = 0; // next tx bit boundary to look at for a falling edge
  while (bit < totalBits) {
    if (!(level(bit - 1) === 1 && level(bit) === 0)) {
      bit++;
      continue;
    }
    const edge = bit * tTx;
    if (at(edge + 0.5 * tRx) !== 0) {
      bit++; // a glitch, not a start bit
      continue;
    }
    let byte = 0;
    for (let i = 0; i < 8; i++) byte |= at(edge + (i + 1.5) * tRx) << i;
    out.push(byte);
    const stopSec = edge + (rxBits - 0.5) * tRx;
    bit = Math.max(bit + 1, Math.ceil(stopSec / tTx - 1e-9));
  }
  return Uint8Array.from(out);
}

/** Linux "standard" termios speeds; anything else is set with BOTHER and shows as `speed 0` in stty. */
export const STANDARD_BAUDS = new Set([
  50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800,
  500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
]);

/**
 * effectiveHostBaud: the host's speed as the emulator should assume it, from `stty`'s
 * number (0 = a non-standard speed: taken to be the device's own when the device uses a
 * non-standard one such as 250000, else 250000).
 */
export function effectiveHostBaud(sttySpeed: number, deviceBaud: number): number {
  if (sttySpeed !== 0) return sttySpeed;
  return STANDARD_BAUDS.has(deviceBaud) ? 250000 : deviceBaud;
}
