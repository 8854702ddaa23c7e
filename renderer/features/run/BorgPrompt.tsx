/**
 * The Borg prompt at the end of a run block: the 6–20 scale (Borg's RPE scale) with its anchor
 * words, and the talk test. Saved with the block (`recordBorg`); skipping stores "not asked". In a
 * group run, the prompt of one runner (`runner`: their client id and name), saved for them alone.
 *
 * Anchors: the verbal anchors of Borg's 6–20 RPE scale sit at 6, 7, 9, 11, 13, 15, 17, 19 and 20
 * (Borg G. Borg's Perceived Exertion and Pain Scales. Champaign: Human Kinetics, 1998; English:
 * no exertion at all, extremely light, very light, light, somewhat hard, hard, very hard,
 * extremely hard, maximal exertion). The Dutch words (helemaal geen inspanning, uiterst licht,
 * heel licht, licht, redelijk zwaar, zwaar, heel zwaar, uiterst zwaar, maximale inspanning) are
 * the team's translation at those positions. Dutch versions in use differ in wording, e.g. the
 * patient leaflet of Bravis ziekenhuis ("heel erg licht … een beetje zwaar … heel erg zwaar",
 * https://www.bravisoncologiecentrum.nl/oncologie-centrum/leefgebieden/sport-bewegen/intensiteit-van-lichamelijke-activiteit)
 * and https://voedingenbeweging.nu/borg-schaal/ ("van geen inspanning tot maximale inspanning");
 * the therapist checks them against the licensed Dutch version the practice uses.
 */
import { useState } from 'react';
import type { RunSessionView } from '../../../shared/ipc/runSessionTypes.js';
import { api } from '../../app/api.js';
import { useT, type StringKey } from '../../app/i18n.js';
import { Card } from '../../ui/Card.js';
import { useAction } from '../../ui/useAsync.js';
import { setRunSession } from './runStore.js';

const SCALE = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] as const;
const ANCHORS = new Set<number>([6, 7, 9, 11, 13, 15, 17, 19, 20]);

export function BorgPrompt({ run, blockIndex, runner }: { run: RunSessionView; blockIndex: number; runner?: { clientId: number; name: string } }) {
  const { t } = useT();
  const { busy, run: act } = useAction();
  const [borg, setBorg] = useState<number | null>(null);
  const [talk, setTalk] = useState(false);
  const save = (skip: boolean) =>
    void act(async () => {
      setRunSession(await api().recordBorg({ ...(runner ? { clientId: runner.clientId } : {}), blockIndex, borg: skip ? null : borg, talkTest: skip ? null : talk }));
      setBorg(null);
      setTalk(false);
    });
  const runNumber = run.blocks.slice(0, blockIndex + 1).filter((b) => b.kind === 'run').length;
  return (
    <Card title={runner ? t('grouprun.borgTitle', { name: runner.name, n: runNumber }) : t('run.borgTitle', { n: runNumber })} testId="run-borg" className="run-borg">
      <p className="small muted">{t('run.borgHint')}</p>
      <ol className="borg-scale" role="radiogroup" aria-label="Borg 6–20">
        {SCALE.map((v) => (
          <li key={v}>
            <button
              role="radio"
              aria-checked={borg === v}
              className={borg === v ? 'borg-step on' : 'borg-step'}
              onClick={() => setBorg(v)}
              data-testid={`borg-${v}`}
            >
              <span className="borg-num">{v}</span>
              {ANCHORS.has(v) && <span className="borg-word">{t(`run.borg.${v}` as StringKey)}</span>}
            </button>
          </li>
        ))}
      </ol>
      <label className="check">
        <input type="checkbox" checked={talk} onChange={(e) => setTalk(e.target.checked)} data-testid="run-talk-test" />
        {t('run.talkTest')}
      </label>
      <div className="buttons">
        <button className="btn primary" disabled={busy || borg === null} onClick={() => save(false)} data-testid="run-borg-save">
          {t('run.saveBorg')}
        </button>
        <button className="btn ghost" disabled={busy} onClick={() => save(true)} data-testid="run-borg-skip">
          {t('run.skipBorg')}
        </button>
      </div>
    </Card>
  );
}
