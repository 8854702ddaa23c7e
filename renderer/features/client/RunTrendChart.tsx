/** Continuous running minutes per logged run as quiet bars (inline SVG), with the Borg rating above each bar. */
import type { RunningLogEntry } from '../../../shared/domain/types.js';
import { useT } from '../../app/i18n.js';

const W = 860;
const H = 200;
const PAD = { l: 34, r: 10, t: 18, b: 26 };

/** A round axis maximum ≥ v (5, 10, 15, 20, 30, 40, 60 …). */
function niceMax(v: number): number {
  for (const m of [5, 10, 15, 20, 25, 30, 40, 50, 60, 90, 120]) if (v <= m) return m;
  return Math.ceil(v / 60) * 60;
}

export function RunTrendChart({ runs }: { runs: RunningLogEntry[] }) {
  const { t, fmt } = useT();
  const pts = runs.filter((r) => r.continuousRunMin !== null);
  if (pts.length === 0) return null;
  const max = niceMax(Math.max(...pts.map((r) => r.continuousRunMin!)));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = iw / pts.length;
  const bw = Math.min(36, step * 0.6);
  const y = (v: number): number => PAD.t + ih - (v / max) * ih;
  const ticks = [0, max / 2, max];
  return (
    <svg className="rec-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('rec.run.chart')} data-testid="run-chart">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="rec-grid" />
          <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" className="rec-axis">
            {fmt.num(v, 0)}
          </text>
        </g>
      ))}
      {pts.map((r, i) => {
        const x = PAD.l + step * i + (step - bw) / 2;
        const v = r.continuousRunMin!;
        return (
          <g key={r.id}>
            <rect x={x} y={y(v)} width={bw} height={Math.max(1, PAD.t + ih - y(v))} rx={3} className="rec-bar">
              <title>{`${fmt.date(r.date)}: ${fmt.num(v, 0)} min`}</title>
            </rect>
            <text x={x + bw / 2} y={y(v) - 5} textAnchor="middle" className="rec-bar-label">
              {fmt.num(v, v % 1 ? 1 : 0)}
            </text>
            <text x={x + bw / 2} y={H - 8} textAnchor="middle" className="rec-axis">
              {fmt.date(r.date).replace(/\s?\d{4}$/, '')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
