/**
 * `SensorAccess` — which sensors a page may connect (`connectSensor` over Electron IPC or the web
 * host's WebSocket). A page names a sensor, never a path (issue 12: a `file:/etc/shadow` spec used
 * to open any file and echo its first line):
 *
 * - a sensor `listSensors` offered: serial ports by the path the listing found (protocol and
 *   rate parameters may be added), Bluetooth sensors and the simulator;
 * - the simulator with any settings (`sim:hr=80,…`: it opens nothing) and Bluetooth by name or
 *   address (`ble:Polar`: a radio scan, no file);
 * - an opaque id (`replay:<random>`) that the main side handed out for a sensor registered from
 *   a trusted side: a replay file the therapist chose in the app's own file dialog (Electron), the
 *   start-up sensor of the app or web host (`CADANS_SENSOR`, `--sensor`), or what a CLI user
 *   typed in their own shell (`cadans monitor|record --sensor file:…`).
 *
 * Everything else — above all any `file:` spec and serial ports that were not listed (device
 * files) — is refused with one line that quotes no path and no file content.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { SensorListView, SensorOption } from '../../shared/ipc/apiTypes.js';
import { showText } from '../../shared/text/safeText.js';
import { sensorKind } from '../devices/openSensor.js';

/** Prefix of the ids of registered replay files. */
export const REPLAY_ID_PREFIX = 'replay:';

/** A sensor a page asked for that it may not connect (the message is safe to show; `code`: the same as a translatable message code). */
export class SensorRefusedError extends Error {
  override readonly name = 'SensorRefusedError';
  constructor(
    message: string,
    readonly code: 'sensorReplayUnknown' | 'sensorPortNotListed' | 'sensorFileRefused' | 'sensorUnknown',
  ) {
    super(message);
  }
}

/** `kind:body?query` → the body, without a trailing `?key=value&…` query. */
function specBody(spec: string, kind: string): string {
  const rest = spec.slice(kind.length).replace(/^:/, '');
  const q = rest.lastIndexOf('?');
  return (q >= 0 && /^[a-z]+=/i.test(rest.slice(q + 1)) ? rest.slice(0, q) : rest).trim();
}

/** A label for a registered sensor: "Replay of rec.csv" for a file, else the spec (cleaned). */
function labelOf(spec: string): string {
  const kind = sensorKind(spec);
  if (kind === 'file') return `Replay of ${showText(basename(specBody(spec, 'file')), 80)}`;
  return showText(spec, 120);
}

export class SensorAccess {
  /** id → the real spec, for sensors registered by the main side. */
  private readonly registered = new Map<string, { spec: string; option: SensorOption }>();
  private offeredSpecs = new Set<string>();
  private offeredPorts = new Set<string>();

  /**
   * `register` — a sensor from a trusted side (see the file comment); returns its option, whose
   * `spec` is what a page passes to `connectSensor`: an opaque id for a replay file, the spec itself
   * otherwise. Registering the same spec twice gives the same id.
   */
  register(spec: string, label?: string): SensorOption {
    const s = spec.trim();
    for (const [, r] of this.registered) if (r.spec === s) return { ...r.option };
    const kind = sensorKind(s);
    const id = kind === 'file' ? REPLAY_ID_PREFIX + randomBytes(12).toString('hex') : s;
    const option: SensorOption = { spec: id, kind: kind ?? 'serial', label: label ?? labelOf(s) };
    this.registered.set(id, { spec: s, option });
    return { ...option };
  }

  /** The options of the registered sensors (listed after what the device listing found). */
  registeredOptions(): SensorOption[] {
    return [...this.registered.values()].map((r) => ({ ...r.option }));
  }

  /** `offer` — remember what a listing offered; returns the listing with the registered sensors added. */
  offer(view: SensorListView): SensorListView {
    this.offeredSpecs = new Set(view.sensors.map((o) => o.spec));
    this.offeredPorts = new Set(view.sensors.filter((o) => sensorKind(o.spec) === 'serial').map((o) => specBody(o.spec, 'serial')));
    const extra = this.registeredOptions().filter((o) => !this.offeredSpecs.has(o.spec));
    return { sensors: [...view.sensors, ...extra], messages: view.messages, notices: view.notices };
  }

  /**
   * `resolve` — the real spec for what a page asked for, or `SensorRefusedError` (see the file
   * comment). Never reads or opens anything.
   */
  resolve(asked: string): string {
    const s = asked.trim();
    const reg = this.registered.get(s);
    if (reg) return reg.spec;
    if (s.toLowerCase().startsWith(REPLAY_ID_PREFIX)) {
      throw new SensorRefusedError('unknown replay file: choose the file again with "Replay file…"', 'sensorReplayUnknown');
    }
    if (this.offeredSpecs.has(s)) return s;
    const kind = sensorKind(s);
    switch (kind) {
      case 'sim':
      case 'ble':
        return s;
      case 'serial': {
        const path = specBody(s, 'serial');
        if (path !== '' && !path.includes('?') && this.offeredPorts.has(path)) return s;
        throw new SensorRefusedError('refused: that serial port is not in the sensor list; search for sensors and choose it from the list', 'sensorPortNotListed');
      }
      case 'file':
        throw new SensorRefusedError(
          'refused: a recording is replayed only when it is chosen in the app\'s file dialog ("Replay file…") or given at start (--sensor file:…), never by a path from the page',
          'sensorFileRefused',
        );
      default:
        throw new SensorRefusedError('unknown sensor: choose one from the sensor list (sim, serial:…, ble:… as listed)', 'sensorUnknown');
    }
  }
}
