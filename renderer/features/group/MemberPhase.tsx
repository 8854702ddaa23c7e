/** A group member's HR–pacer phase (degrees), written into the DOM on animation frames from their live buffers. */
import { useRef } from 'react';
import { useT } from '../../app/i18n.js';
import { useFrame } from '../../charts/frameLoop.js';
import type { LiveData } from '../../charts/LiveData.js';

export function MemberPhase({ data, testId }: { data: LiveData | undefined; testId: string }) {
  const { fmt } = useT();
  const el = useRef<HTMLSpanElement>(null);
  const shown = useRef('');
  const num = useRef(fmt.num);
  num.current = fmt.num;
  useFrame(() => {
    const p = data?.phase;
    const deg = p ? Math.round(p.hrLagDeg) : null;
    const s = deg === null ? '–' : `${deg > 0 ? '+' : ''}${num.current(deg, 0)}°`;
    if (s === shown.current || !el.current) return;
    el.current.textContent = s;
    shown.current = s;
  });
  return (
    <span ref={el} data-testid={testId}>
      –
    </span>
  );
}
