/**
 * listSerialPorts: the serial ports `serialport` can see, with a protocol guess from
 * the USB vendor/product id. Never throws: a missing `udevadm` (SerialPort.list()
 * rejects with `spawn udevadm ENOENT`, sensor-protocols §7) or any other listing
 * failure becomes an `error` message, and the user can still type a path by hand.
 */
import { SerialPort } from 'serialport';
import type { SerialProtocol } from '../../shared/sensors/serialFrameAssembler.js';

export interface SerialPortGuess {
  protocol: SerialProtocol;
  /** Why, e.g. 'Silicon Labs CP210x (Contec CMS50 cable)'. */
  reason: string;
}

export interface SerialPortEntry {
  path: string;
  /** The USB device's serial number (finds a replugged device under a new path). */
  serialNumber?: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  guess?: SerialPortGuess;
}

export interface RawPortInfo {
  path: string;
  serialNumber?: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
}

/**
 * USB ids → protocol guess. Vendor-only entries match any product. The reasons are English (the
 * `cadans sensors --json` field); shared/i18n/usbGuessText.ts words them in the user's language.
 */
export const GUESSES: { vid: string; pid?: string; guess: SerialPortGuess }[] = [
  { vid: '10c4', pid: 'ea60', guess: { protocol: 'cms50-9', reason: 'Silicon Labs CP210x (Contec CMS50 cable; firmware ≤ 4.5 uses cms50-5 at 19200 baud)' } },
  { vid: '2341', guess: { protocol: 'pulsesensor', reason: 'Arduino' } },
  { vid: '2a03', guess: { protocol: 'pulsesensor', reason: 'Arduino (arduino.org)' } },
  { vid: '1b4f', guess: { protocol: 'pulsesensor', reason: 'SparkFun Arduino-compatible board' } },
  { vid: '239a', guess: { protocol: 'pulsesensor', reason: 'Adafruit Arduino-compatible board' } },
  { vid: '1a86', pid: '7523', guess: { protocol: 'pulsesensor', reason: 'CH340 USB-serial (Arduino clone)' } },
  { vid: '0403', pid: '6001', guess: { protocol: 'pulsesensor', reason: 'FTDI FT232 (older Arduino or USB-serial cable)' } },
];

/** guessProtocol: protocol guess from USB vendor/product id (hex, any case). */
export function guessProtocol(vendorId?: string, productId?: string): SerialPortGuess | undefined {
  const vid = vendorId?.toLowerCase().replace(/^0x/, '');
  const pid = productId?.toLowerCase().replace(/^0x/, '');
  if (!vid) return undefined;
  return GUESSES.find((g) => g.vid === vid && (g.pid === undefined || g.pid === pid))?.guess;
}

/** explainListError: message for a failed SerialPort.list(). */
export function explainListError(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  const msg = e?.message ?? String(err);
  if (e?.code === 'ENOENT' || /udevadm ENOENT/.test(msg)) {
    return 'cannot list serial ports: udevadm is not installed (Debian package udev); enter the port path by hand';
  }
  return `cannot list serial ports (${msg}); enter the port path by hand`;
}

export async function listSerialPorts(
  list: () => Promise<RawPortInfo[]> = () => SerialPort.list(),
): Promise<{ ports: SerialPortEntry[]; error?: string }> {
  let raw: RawPortInfo[];
  try {
    raw = await list();
  } catch (err) {
    return { ports: [], error: explainListError(err) };
  }
  const ports = raw.map((p): SerialPortEntry => {
    const guess = guessProtocol(p.vendorId, p.productId);
    return {
      path: p.path,
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
      ...(guess ? { guess } : {}),
    };
  });
  return { ports };
}
