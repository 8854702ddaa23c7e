/**
 * What the session recorder needs from a live channel (`main/devices/LiveChannel.ts`): its sensor,
 * and a way to become (and stop being) its recorder sink. Kept structural so the recorder can be
 * tested with a small fake channel (test/support/fakeChannel.ts) and used with the real one unchanged.
 */
import type { SensorSourceInfo } from '../../shared/sensors/sensorSource.js';
import type { ChannelSink } from '../devices/LiveChannel.js';

export interface RecordableChannel {
  readonly id: string;
  readonly spec: string;
  readonly info: SensorSourceInfo;
  /** From now on, hand samples, analysis, gaps, quality and states to `recorder`. */
  startRecording(recorder: ChannelSink): void;
  /** Deliver the recording's last analysis results, then stop handing data to the recorder. */
  stopRecording(): Promise<void>;
}
