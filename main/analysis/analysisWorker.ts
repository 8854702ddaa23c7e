// The analysis worker: runs one LivePipeline per channel. Started by AnalysisHost.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { LivePipeline, type LiveUpdate } from '../../shared/dsp/LivePipeline.js';
import type { FromWorker, ToWorker, WorkerResult } from './analysisProtocol.js';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker thread');
const pipelines = new Map<string, LivePipeline>();

function pipelineFor(channel: string): LivePipeline {
  let p = pipelines.get(channel);
  if (!p) {
    p = new LivePipeline();
    pipelines.set(channel, p);
  }
  return p;
}

function toResult(channel: string, seq: number, u: LiveUpdate, workMs: number, lookAheadSec: number): WorkerResult {
  const n = u.beats.length;
  const beatTSec = new Float64Array(n);
  const beatQuality = new Float32Array(n);
  const beatIbiMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = u.beats[i]!;
    beatTSec[i] = b.tSec;
    beatQuality[i] = b.quality;
    beatIbiMs[i] = b.ibiMs ?? NaN;
  }
  return { type: 'result', channel, seq, beatTSec, beatQuality, beatIbiMs, metrics: u.metrics, workMs, lookAheadSec };
}

port.on('message', (msg: ToWorker) => {
  const t0 = performance.now();
  try {
    switch (msg.type) {
      case 'ppg': {
        const p = pipelineFor(msg.channel);
        const u = p.pushPpg(msg.values, msg.fsHz);
        const r = toResult(msg.channel, msg.seq, u, performance.now() - t0, p.lookAheadSec);
        port.postMessage(r satisfies FromWorker, [r.beatTSec.buffer as ArrayBuffer, r.beatQuality.buffer as ArrayBuffer, r.beatIbiMs.buffer as ArrayBuffer]);
        break;
      }
      case 'intervals': {
        const p = pipelineFor(msg.channel);
        const u = p.pushIntervals(Array.from(msg.ibiMs), msg.arrivalSec);
        const r = toResult(msg.channel, msg.seq, u, performance.now() - t0, 0);
        port.postMessage(r satisfies FromWorker, [r.beatTSec.buffer as ArrayBuffer, r.beatQuality.buffer as ArrayBuffer, r.beatIbiMs.buffer as ArrayBuffer]);
        break;
      }
      case 'gap':
        pipelineFor(msg.channel).markGap(msg.startSec, msg.endSec);
        break;
      case 'reset':
        pipelineFor(msg.channel).reset();
        break;
      case 'close':
        pipelines.delete(msg.channel);
        break;
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
