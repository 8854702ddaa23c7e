/**
 * Polar PMD PPI (pulse-to-pulse intervals of the sensor's own PPG beat detector) as frames
 * (frames.ts). Pure: the BLE plumbing is native-adapters/sensors/polarPpgStream.ts.
 *
 * What the device sends (polar-ble-sdk model/PpiData.kt, documentation/PPIData.md,
 * products/PolarVeritySense.md and PolarOH1.md; sensor-protocols §2): 6 bytes per sample — HR,
 * PP interval ms, its error estimate ms, flags (bit 0 blocker = movement, bit 1 skin contact,
 * bit 2 contact supported); the frame timestamp is 0 (PPI has no sample time). The first samples
 * come about 25 s after START; while PPI runs, the HR service updates only every 5 s.
 *
 * What goes out:
 * - one `BeatFrame` per usable sample: `{ origin: 'ppi', ibiMs: [pp], errorMs: [err], hrBpm }`
 *   (hrBpm left out when the device says 0). A sample is discarded when its blocker bit is set or
 *   when contact is supported and absent (PPIData.md: "should not be treated as valid").
 * - `arrivalSec` of sample k of a notification = the notification's arrival minus the intervals
 *   after it (discarded ones included), i.e. when its beat closed by the device's own intervals —
 *   so interval sources that chain beats from arrival time (intervalClock.ts) do not see a false
 *   gap inside a batch.
 * - a `StatusFrame` with `contact` ('ok' | 'off' | 'unknown') when the skin-contact state changes,
 *   with the notice 'finger-out' when it goes off. (Polar: on Verity Sense and OH1 skin contact is
 *   unreliable — it may say "contact" while not worn.)
 */
import type { BeatFrame, SensorFrame, StatusFrame } from './frames.js';
import type { PmdDataFrame, PmdPpiSample } from './polarPmdData.js';

/** A decoded PMD PPI data frame (parsePmdDataFrame, kind 'ppi'). */
export type PmdPpiDataFrame = Extract<PmdDataFrame, { kind: 'ppi' }>;

type Contact = NonNullable<StatusFrame['contact']>;

/** The contact state a PPI sample reports. */
export function ppiContact(s: PmdPpiSample): Contact {
  return !s.contactSupported ? 'unknown' : s.skinContact ? 'ok' : 'off';
}

/** Whether a PPI sample is usable: no movement blocker, contact not reported absent, a positive interval. */
export function ppiUsable(s: PmdPpiSample): boolean {
  return !s.blocker && ppiContact(s) !== 'off' && s.ppMs > 0;
}

export class PmdPpiFramer {
  private contact: Contact | undefined;
  /** Intervals dropped since the last kept one (they still passed), ms. */
  private skippedMs = 0;
  /** Samples discarded for movement (blocker bit). */
  blocked = 0;
  /** Samples discarded for missing skin contact. */
  noContact = 0;
  /** Samples passed on as BeatFrames. */
  accepted = 0;

  /** A new connection: the next contact state is reported again. */
  reset(): void {
    this.contact = undefined;
    this.skippedMs = 0;
  }

  /** push: one PPI notification that arrived at `arrivalSec` → its frames, oldest first. */
  push(f: PmdPpiDataFrame, arrivalSec: number): SensorFrame[] {
    const out: SensorFrame[] = [];
    const all = f.all;
    let after = 0;
    const closes = new Array<number>(all.length);
    for (let k = all.length - 1; k >= 0; k--) {
      closes[k] = arrivalSec - after / 1000;
      after += all[k]!.ppMs;
    }
    for (let k = 0; k < all.length; k++) {
      const s = all[k]!;
      const t = closes[k]!;
      const c = ppiContact(s);
      if (c !== this.contact) {
        this.contact = c;
        out.push({ kind: 'status', arrivalSec: t, contact: c, ...(c === 'off' ? { notice: { code: 'finger-out' } } : {}) });
      }
      if (!ppiUsable(s)) {
        if (s.blocker) this.blocked++;
        else if (c === 'off') this.noContact++;
        // The interval still passed: the next kept one starts that much later.
        if (s.ppMs > 0) this.skippedMs += s.ppMs;
        continue;
      }
      this.accepted++;
      const beat: BeatFrame = {
        kind: 'beats',
        arrivalSec: t,
        ibiMs: [s.ppMs],
        errorMs: [s.errorMs],
        origin: 'ppi',
        ...(s.hrBpm > 0 ? { hrBpm: s.hrBpm } : {}),
        ...(this.skippedMs > 0 ? { skippedMs: this.skippedMs } : {}),
      };
      this.skippedMs = 0;
      out.push(beat);
    }
    return out;
  }
}
