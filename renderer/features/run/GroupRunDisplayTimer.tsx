/**
 * The interval timer of a group run on the group display (#/display during a group run), in place
 * of the pacer: the run timer card (block, time left, next, the strip) in type sized for 4 m. Its
 * cues are played by the console page, not here.
 */
import { RunTimerCard } from './RunTimerCard.js';
import { useRunSession } from './runStore.js';
import './run.css';

export function GroupRunDisplayTimer() {
  const run = useRunSession();
  return <div className="gd-run" data-testid="gd-run-timer">{run && run.groupId !== null && <RunTimerCard run={run} />}</div>;
}
