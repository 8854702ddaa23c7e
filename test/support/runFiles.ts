// Sport-watch files for the run-import tests, made here: FIT with Garmin's FIT SDK Encoder, TCX
// and GPX by hand. `runProfile` is a run/walk session whose heart rate follows the blocks
// (first-order rise and fall), so tests can compare what the import finds with what was put in.
import { Encoder, Profile, type Mesg } from '@garmin/fitsdk';

export interface ProfileBlock {
  kind: 'run' | 'walk';
  sec: number;
}

export interface ProfileSample {
  tSec: number;
  hrBpm: number;
  speedMps: number;
  /** Strides per minute of one foot, as the files store it. */
  cadenceRpm: number;
  distanceM: number;
}

export const START = new Date('2026-11-02T08:00:00.000Z');
export const HR_REST_WALK = 100;
export const HR_RUN = 155;
export const TAU_UP_SEC = 30;
export const TAU_DOWN_SEC = 45;

/** Week 1 of a programme: 6 × [1 min run, 2 min walk], then 3 min more walking (cool-down). */
export const WEEK1: ProfileBlock[] = [
  ...Array.from({ length: 6 }, (): ProfileBlock[] => [{ kind: 'run', sec: 60 }, { kind: 'walk', sec: 120 }]).flat(),
  { kind: 'walk', sec: 180 },
];

/** Deterministic noise in [-1, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

/** The model heart rate: exponential approach to the block's level, continuous across blocks. */
export function runProfile(blocks: ProfileBlock[], noise = true, seed = 7): ProfileSample[] {
  const rnd = lcg(seed);
  const out: ProfileSample[] = [];
  let hr = HR_REST_WALK;
  let dist = 0;
  let t = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.sec; i++, t++) {
      const run = b.kind === 'run';
      const target = run ? HR_RUN : HR_REST_WALK;
      hr += (target - hr) * (1 - Math.exp(-1 / (run ? TAU_UP_SEC : TAU_DOWN_SEC)));
      const speed = (run ? 2.4 : 1.4) + (noise ? 0.1 * rnd() : 0);
      dist += speed;
      out.push({
        tSec: t,
        hrBpm: Math.round(hr + (noise ? 1.5 * rnd() : 0)),
        speedMps: speed,
        cadenceRpm: Math.round((run ? 80 : 55) + (noise ? 2 * rnd() : 0)),
        distanceM: dist,
      });
    }
  }
  return out;
}

/** The noiseless model HR `afterSec` seconds after the end of the last run block, and its value at that end. */
export function modelRecovery(blocks: ProfileBlock[], afterSec: number): { peak: number; after: number } {
  const s = runProfile(blocks, false);
  let end = 0;
  let t = 0;
  for (const b of blocks) {
    t += b.sec;
    if (b.kind === 'run') end = t;
  }
  return { peak: s[end - 1]!.hrBpm, after: s[end - 1 + afterSec]!.hrBpm };
}

const at = (tSec: number): Date => new Date(START.getTime() + tSec * 1000);
const iso = (tSec: number): string => at(tSec).toISOString().replace('.000Z', 'Z');

function lapsOf(blocks: ProfileBlock[]): { start: number; sec: number }[] {
  let t = 0;
  return blocks.map((b) => {
    const l = { start: t, sec: b.sec };
    t += b.sec;
    return l;
  });
}

/** A FIT activity file (FIT SDK Encoder): file_id, records at 1 Hz, a lap per block (optional), session, activity. */
export function fitFile(blocks: ProfileBlock[], opts: { laps?: boolean; noise?: boolean; start?: Date } = {}): Uint8Array {
  const samples = runProfile(blocks, opts.noise ?? true);
  const t0 = opts.start ?? START;
  const at = (tSec: number): Date => new Date(t0.getTime() + tSec * 1000);
  const enc = new Encoder();
  const put = (num: number, m: object): void => void enc.onMesg(num, m as Mesg);
  put(Profile.MesgNum.FILE_ID, { manufacturer: 'development', product: 1, timeCreated: t0, type: 'activity' });
  put(Profile.MesgNum.EVENT, { timestamp: t0, event: 'timer', eventType: 'start' });
  for (const s of samples) {
    put(Profile.MesgNum.RECORD, {
      timestamp: at(s.tSec),
      heartRate: s.hrBpm,
      enhancedSpeed: s.speedMps,
      cadence: s.cadenceRpm,
      distance: s.distanceM,
    });
  }
  const end = samples.length - 1;
  put(Profile.MesgNum.EVENT, { timestamp: at(end), event: 'timer', eventType: 'stopAll' });
  if (opts.laps !== false) {
    for (const l of lapsOf(blocks)) {
      put(Profile.MesgNum.LAP, { timestamp: at(l.start + l.sec), startTime: at(l.start), totalElapsedTime: l.sec, totalTimerTime: l.sec, event: 'lap', eventType: 'stop' });
    }
  }
  put(Profile.MesgNum.SESSION, { timestamp: at(end), startTime: t0, totalElapsedTime: end, totalTimerTime: end, sport: 'running', event: 'session', eventType: 'stop' });
  put(Profile.MesgNum.ACTIVITY, { timestamp: at(end), numSessions: 1, type: 'manual', event: 'activity', eventType: 'stop' });
  return enc.close();
}

/** A TCX file (Garmin TrainingCenterDatabase v2 with the ActivityExtension v2 TPX Speed and RunCadence). */
export function tcxFile(blocks: ProfileBlock[]): string {
  const samples = runProfile(blocks);
  const laps = lapsOf(blocks).map((l) => {
    const pts = samples.filter((s) => s.tSec >= l.start && s.tSec < l.start + l.sec);
    const tps = pts
      .map(
        (s) =>
          `<Trackpoint><Time>${iso(s.tSec)}</Time><DistanceMeters>${s.distanceM.toFixed(1)}</DistanceMeters>` +
          `<HeartRateBpm><Value>${s.hrBpm}</Value></HeartRateBpm>` +
          `<Extensions><ns3:TPX><ns3:Speed>${s.speedMps.toFixed(3)}</ns3:Speed><ns3:RunCadence>${s.cadenceRpm}</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>`,
      )
      .join('\n');
    return `<Lap StartTime="${iso(l.start)}"><TotalTimeSeconds>${l.sec}</TotalTimeSeconds><Intensity>Active</Intensity><Track>\n${tps}\n</Track></Lap>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">\n' +
    `<Activities><Activity Sport="Running"><Id>${iso(0)}</Id>\n${laps.join('\n')}\n` +
    '<Creator xsi:type="Device_t"><Name>Test &amp; Watch</Name></Creator></Activity></Activities>\n</TrainingCenterDatabase>\n'
  );
}

/** A GPX 1.1 file with Garmin TrackPointExtension v1 hr/cad; positions along a meridian so distance gives speed. */
export function gpxFile(blocks: ProfileBlock[], opts: { cadence?: boolean } = {}): string {
  const samples = runProfile(blocks);
  const mPerDegLat = (Math.PI / 180) * 6_371_000;
  const pts = samples
    .map(
      (s) =>
        `<trkpt lat="${(52 + s.distanceM / mPerDegLat).toFixed(7)}" lon="5.1000000"><ele>2.0</ele><time>${iso(s.tSec)}</time>` +
        `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${s.hrBpm}</gpxtpx:hr>` +
        (opts.cadence === false ? '' : `<gpxtpx:cad>${s.cadenceRpm}</gpxtpx:cad>`) +
        '</gpxtpx:TrackPointExtension></extensions></trkpt>',
    )
    .join('\n');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gpx version="1.1" creator="Hand-made test GPX" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n' +
    `<metadata><time>${iso(0)}</time></metadata>\n<trk><name>Run</name><trkseg>\n${pts}\n</trkseg></trk>\n</gpx>\n`
  );
}
