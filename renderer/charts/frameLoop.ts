/**
 * One requestAnimationFrame loop for the whole page: charts and the pacer register a callback
 * (`onFrame`) and are drawn in the same frame; the loop stops when nothing is registered.
 * `useFrame` is the React hook form (the callback is read from a ref, so re-renders don't
 * re-register it).
 */
import { useEffect, useRef } from 'react';
import { perfStats } from './perfStats.js';

type FrameFn = (perfMs: number) => void;

const callbacks = new Set<FrameFn>();
let handle = 0;

function loop(perfMs: number): void {
  handle = 0;
  const t0 = performance.now();
  for (const fn of callbacks) {
    try {
      fn(perfMs);
    } catch (e) {
      console.error('frame callback failed', e);
    }
  }
  perfStats.frame(perfMs, performance.now() - t0);
  if (callbacks.size > 0) handle = requestAnimationFrame(loop);
}

/** Call `fn` on every animation frame until the returned function is called. */
export function onFrame(fn: FrameFn): () => void {
  callbacks.add(fn);
  if (handle === 0) handle = requestAnimationFrame(loop);
  return () => {
    callbacks.delete(fn);
  };
}

/** React: call `fn` on every animation frame while mounted. */
export function useFrame(fn: FrameFn): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => onFrame((t) => ref.current(t)), []);
}
