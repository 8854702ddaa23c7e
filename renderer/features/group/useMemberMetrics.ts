/** A group member's latest metrics (coherence, breathing rate …) for React, at most twice a second (`useGroupMetrics`: every member's). */
import { useEffect, useState } from 'react';
import type { LiveMetrics } from '../../../shared/dsp/LivePipeline.js';
import type { LiveData } from '../../charts/LiveData.js';

const THROTTLE_MS = 500;

export function useMemberMetrics(data: LiveData | undefined): LiveMetrics | null {
  const [m, setM] = useState<LiveMetrics | null>(data?.metrics ?? null);
  useEffect(() => {
    if (!data) return;
    setM(data.metrics);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = data.subscribeMetrics(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setM(data.metrics);
      }, THROTTLE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [data]);
  return m;
}

/** Every member's latest metrics, in the order of `data`, for React at most twice a second. */
export function useGroupMetrics(data: readonly (LiveData | undefined)[]): (LiveMetrics | null)[] {
  const read = (): (LiveMetrics | null)[] => data.map((d) => d?.metrics ?? null);
  const [m, setM] = useState<(LiveMetrics | null)[]>(read);
  const key = data.map((d) => d?.channel ?? '').join('|');
  useEffect(() => {
    setM(read());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offs = data.map((d) =>
      d?.subscribeMetrics(() => {
        timer ??= setTimeout(() => {
          timer = null;
          setM(read());
        }, THROTTLE_MS);
      }),
    );
    return () => {
      for (const off of offs) off?.();
      if (timer) clearTimeout(timer);
    };
  }, [key]); // the members' buffers, by channel
  return m;
}
