/** The pacer of a saved session as a timeline on the recording clock (start settings + stored changes). */
import type { PacerChange } from '../../../shared/domain/types.js';
import type { PacerTimeline } from '../../../shared/ipc/apiTypes.js';
import { validatePacerSettings, type PacerSettings } from '../../../shared/pacer/pacerSettings.js';

export function reviewTimeline(start: PacerSettings | null, changes: readonly PacerChange[], endSec: number): PacerTimeline | null {
  const segments: PacerTimeline['segments'] = [];
  if (start) segments.push({ settings: start, startSec: 0, firstBreathIndex: 0 });
  for (const c of changes) {
    if (validatePacerSettings(c.settings).length > 0) continue;
    if (segments.length > 0 && c.tSec <= segments[segments.length - 1]!.startSec) segments.pop();
    segments.push({ settings: c.settings as unknown as PacerSettings, startSec: c.tSec, firstBreathIndex: 0 });
  }
  if (segments.length === 0) return null;
  return { version: 0, segments, endSec, running: true, clockSec: endSec };
}
