/**
 * The truth a device emulator keeps of what it sent (DeviceEmulator.truth(), and the
 * `--truth <file.json>` of emulateDevice): every sample with its index, value, scheduled
 * time and fate (sent, dropped whole, garbled, not sent during a pause), the waveform's
 * known beats, the beats the emulated firmware reported, streaming periods and host
 * commands. Times are seconds since the emulator started.
 */
import type { DeviceProfile, DeviceProfileId } from './deviceProfiles.js';
import type { GarbleKind } from './linkFaults.js';

export type Fate = 'ok' | 'lost' | 'garbled' | 'paused';

export interface TruthSample {
  /** Index among the samples the device emitted. */
  i: number;
  /** Emission (scheduled) time, s since the emulator started. */
  tSec: number;
  /** Value sent (sensor 0); `values` for every sensor when there are several. */
  value: number;
  values?: number[];
  fate: Fate;
  /** Planned delivery time (burst / USB batch), s. */
  sendSec: number;
}

export interface TruthBeat {
  /** Time the firmware detected it, s. */
  tSec: number;
  sensor: number;
  ibiMs: number;
  bpm: number;
  /** Fates of the per-beat lines printed for it (`B`+`Q`, `72 bpm`); [] when not printed. */
  printed: Fate[];
}

export interface EmulatorTruth {
  device: DeviceProfileId;
  protocol: DeviceProfile['protocol'];
  baudRate: number;
  parity: 'none' | 'odd';
  sensorCount: number;
  rateHz: number;
  driftPerMin: number;
  seed: number;
  lost: number;
  garbled: number;
  samples: TruthSample[];
  /** Known beat times of the waveform per sensor (synthetic pulse), s; [] for a recording. */
  beatsSec: number[][];
  /** Beats as the emulated firmware detected and reported them. */
  reported: TruthBeat[];
  /** Periods in which samples were streamed (after a wake-up where needed). */
  streams: { startSec: number; endSec: number | null }[];
  /** Host commands understood, with the time they took effect. */
  commands: { tSec: number; command: string }[];
  units: Record<Fate, number>;
  garbleKinds: Record<GarbleKind, number>;
  /** Wall clock (Date.now) of emulator time 0, set by the runner. */
  startedAtMs?: number;
  /** Runner with --app-end: the app end's speeds seen with stty (0 = non-standard) and failed reads. */
  baudEmulation?: { speedsSeen: number[]; errors: number } | null;
}
