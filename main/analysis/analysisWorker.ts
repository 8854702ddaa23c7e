// The analysis worker: runs one LivePipeline per channel. Started and supervised by AnalysisHost.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { LivePipeline, type LiveUpdate } from '../../shared/dsp/LivePipeline.js';
import type { FromWorker, ToWorker, WorkerResult } from './analysisProtocol.js';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker thread');
const pipelines = new Map<string, { p: LivePipeline; gen: number }>();

function pipeline(channel: string): { p: LivePipeline; gen: number } {
  const p = pipelines.get(channel);
  if (!p) throw new Error(`channel ${channel} is not open in the analysis worker`);
  return p;
}

function send(channel: string, seq: number, pg: { p: LivePipeline; gen: number }, u: LiveUpdate, t0: number): void {
  const p = pg.p;
  const r: WorkerResult = {
    type: 'result',
    channel,
    seq,
    gen: pg.gen,
    final: u.final,
    provisional: u.provisional,
    unusable: u.unusable,
    beatEvents: u.beatEvents,
    metrics: u.metrics,
    spectrum: u.spectrum,
    workMs: performance.now() - t0,
    lookAheadSec: p.lookAheadSec,
  };
  port!.postMessage(r satisfies FromWorker, u.spectrum ? [u.spectrum.psd.buffer as ArrayBuffer] : []);
}

port.on('message', (msg: ToWorker) => {
  const t0 = performance.now();
  try {
    switch (msg.type) {
      case 'open':
        pipelines.set(msg.channel, { p: new LivePipeline({ fromSensor: msg.source === 'intervals' }), gen: msg.gen });
        port.postMessage({ type: 'ack', seq: msg.seq } satisfies FromWorker);
        break;
      case 'chunk': {
        const p = pipeline(msg.channel);
        send(msg.channel, msg.seq, p, p.p.pushChunk({ t0Sec: msg.t0Sec, fsHz: msg.fsHz, values: msg.values }), t0);
        break;
      }
      case 'intervals': {
        const p = pipeline(msg.channel);
        send(msg.channel, msg.seq, p, p.p.pushIntervals(Array.from(msg.ibiMs), msg.startSec), t0);
        break;
      }
      case 'gap': {
        const p = pipeline(msg.channel);
        send(msg.channel, msg.seq, p, p.p.markGap(msg.startSec, msg.endSec), t0);
        break;
      }
      case 'flush': {
        const p = pipeline(msg.channel);
        send(msg.channel, msg.seq, p, p.p.flush(), t0);
        break;
      }
      case 'close':
        pipelines.delete(msg.channel);
        break;
      case 'test-hang': {
        if (process.env.CADANS_TEST !== '1') break;
        const until = performance.now() + msg.ms;
        while (performance.now() < until) {
          // busy: the supervisor must notice
        }
        break;
      }
      case 'stats': {
        (globalThis as { gc?: () => void }).gc?.();
        const heapUsedBytes = getHeapStatistics().used_heap_size;
        port.postMessage({ type: 'stats', seq: msg.seq, heapUsedBytes, channels: pipelines.size } satisfies FromWorker);
        break;
      }
    }
  } catch (e) {
    const seq = 'seq' in msg ? msg.seq : -1;
    const channel = 'channel' in msg ? msg.channel : '';
    port.postMessage({ type: 'error', channel, seq, message: (e as Error).message } satisfies FromWorker);
  }
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
