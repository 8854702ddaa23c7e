/** A chart with a quiet overlay message while it has nothing to show (e.g. no sensor connected). */
import type { ReactNode } from 'react';

export function ChartFrame({ empty, children }: { empty: string | null; children: ReactNode }) {
  return (
    <div className="chart-wrap">
      {children}
      {empty && <div className="chart-empty">{empty}</div>}
    </div>
  );
}
