/**
 * The breathing pacer as the client follows it: a shape that grows on the in-breath and shrinks
 * on the out-breath, and/or a ball riding a wave of the breath ahead. Driven by the pacer clock
 * on every animation frame (`pacerStateOnTimeline` at `liveData.clock.now()`), not by React
 * renders, so it keeps time exactly with the schedule the simulator breathes with.
 */
import { useRef } from 'react';
import type { DisplaySettings } from '../../../shared/ipc/apiTypes.js';
import { pacerStateOnTimeline } from '../../../shared/ipc/pacerTimeline.js';
import { createPacerState, type PacerPhase } from '../../../shared/pacer/pacerState.js';
import { liveData } from '../../app/store.js';
import { useFrame } from '../../charts/frameLoop.js';
import { playPacerCue } from './pacerAudio.js';

export interface PacerCanvasProps {
  visual: DisplaySettings['pacerVisual'];
  /** Play the soft audio cue at phase changes. */
  audio: boolean;
  /** Dark, large variant of the client display. */
  calm?: boolean;
  labels: Record<PacerPhase | 'idle' | 'paused' | 'finished', string>;
  /** Extra line under the phase (e.g. "6,0 / min"); null for none. */
  rateText?: (rateBpm: number) => string;
}

const st = createPacerState();
const probe = createPacerState();

export function PacerCanvas({ visual, audio, calm = false, labels, rateText }: PacerCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const props = useRef({ visual, audio, calm, labels, rateText });
  props.current = { visual, audio, calm, labels, rateText };
  const lastPhase = useRef<PacerPhase | null>(null);
  /** What the last still picture (no pacer, or a paused one) was drawn from: redrawn only when that changes. */
  const still = useRef<{ tl: typeof liveData.pacer; w: number; h: number; props: typeof props.current } | null>(null);

  useFrame(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = devicePixelRatio;
    const w = Math.round(c.clientWidth * dpr);
    const h = Math.round(c.clientHeight * dpr);
    if (w === 0 || h === 0) return;
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const g = c.getContext('2d');
    if (!g) return;
    const p = props.current;
    const tl = liveData.pacer;
    if (!tl || !tl.running) {
      // Nothing moves: draw once, not on every frame (a canvas redrawn every frame costs the compositor the whole canvas each frame).
      const last = still.current;
      if (last && last.tl === tl && last.w === w && last.h === h && samePictureProps(last.props, p)) return;
      still.current = { tl, w, h, props: p };
    } else still.current = null;
    const ink = p.calm ? 'rgba(232,242,240,0.92)' : '#1f2a37';
    const accent = p.calm ? '#7fd1c1' : '#3f8fb5';
    g.clearRect(0, 0, w, h);
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    if (!tl) {
      lastPhase.current = null;
      g.fillStyle = p.calm ? 'rgba(232,242,240,0.5)' : '#8a96a3';
      g.font = `${Math.round(Math.min(w, h) * 0.06)}px system-ui, sans-serif`;
      g.fillText(p.labels.idle, w / 2, h / 2);
      return;
    }
    const t = tl.running ? liveData.clock.now() : tl.clockSec;
    pacerStateOnTimeline(tl, t, st);
    if (tl.running && !st.finished && st.phase !== lastPhase.current) {
      if (p.audio && lastPhase.current !== null && (st.phase === 'in' || st.phase === 'out')) playPacerCue(st.phase);
      lastPhase.current = st.phase;
    }
    const showShape = p.visual !== 'wave';
    const showWave = p.visual !== 'shape';
    const shapeH = showWave && showShape ? h * 0.62 : h;
    const waveTop = showShape ? shapeH : 0;
    const s = Math.min(w, shapeH);
    if (showShape) {
      const cx = w / 2;
      const cy = shapeH / 2;
      const rMax = s * 0.42;
      const rMin = s * 0.16;
      const r = rMin + (rMax - rMin) * st.lung;
      g.strokeStyle = p.calm ? 'rgba(127,209,193,0.35)' : 'rgba(63,143,181,0.25)';
      g.lineWidth = 2 * dpr;
      g.beginPath();
      g.arc(cx, cy, rMax, 0, Math.PI * 2);
      g.stroke();
      const grad = g.createRadialGradient(cx, cy, r * 0.2, cx, cy, r);
      grad.addColorStop(0, p.calm ? 'rgba(127,209,193,0.85)' : 'rgba(94,158,199,0.75)');
      grad.addColorStop(1, p.calm ? 'rgba(60,140,150,0.55)' : 'rgba(63,143,181,0.45)');
      g.fillStyle = grad;
      g.beginPath();
      g.arc(cx, cy, r, 0, Math.PI * 2);
      g.fill();
      const label = !tl.running ? p.labels.paused : st.finished ? p.labels.finished : p.labels[st.phase];
      g.fillStyle = ink;
      g.font = `600 ${Math.round(s * 0.075)}px system-ui, sans-serif`;
      g.fillText(label, cx, cy);
      if (p.rateText) {
        g.font = `${Math.round(s * 0.05)}px system-ui, sans-serif`;
        g.fillStyle = p.calm ? 'rgba(232,242,240,0.6)' : '#3d4b5a';
        g.fillText(p.rateText(st.rateBpm), cx, cy + s * 0.085);
      }
    }
    if (showWave) drawWave(g, tl, t, w, waveTop, h - waveTop, accent, dpr, p.calm);
  });

  return <canvas className={calm ? 'pacer-canvas pacer-calm' : 'pacer-canvas'} ref={ref} data-testid="pacer-canvas" />;
}

/** The props that change a still picture (labels compared by text: a re-render makes a new labels object). */
function samePictureProps(a: PacerCanvasProps, b: PacerCanvasProps): boolean {
  if (a.visual !== b.visual || a.calm !== b.calm || a.rateText !== b.rateText) return false;
  const keys = Object.keys(b.labels) as (keyof PacerCanvasProps['labels'])[];
  return keys.every((k) => a.labels[k] === b.labels[k]);
}

/** The breath ahead as a wave scrolling left, the ball at 30 % of the width on "now". */
function drawWave(
  g: CanvasRenderingContext2D,
  tl: NonNullable<typeof liveData.pacer>,
  t: number,
  w: number,
  top: number,
  h: number,
  accent: string,
  dpr: number,
  calm: boolean,
): void {
  const period = st.periodSec > 0 ? st.periodSec : 10;
  const span = period * 1.6;
  const x0 = t - span * 0.3;
  const pad = h * 0.18;
  const yOf = (lung: number): number => top + h - pad - lung * (h - 2 * pad);
  g.strokeStyle = calm ? 'rgba(127,209,193,0.55)' : 'rgba(63,143,181,0.55)';
  g.lineWidth = 3 * dpr;
  g.beginPath();
  const n = 120;
  for (let i = 0; i <= n; i++) {
    const tt = x0 + (span * i) / n;
    pacerStateOnTimeline(tl, tl.running ? tt : t, probe);
    const x = (w * i) / n;
    const y = yOf(probe.lung);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.stroke();
  g.fillStyle = accent;
  g.beginPath();
  g.arc(w * 0.3, yOf(st.lung), Math.max(6 * dpr, h * 0.07), 0, Math.PI * 2);
  g.fill();
}
