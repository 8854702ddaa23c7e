/** While a run page is open, each new cue of the run timer is played: its tone, and spoken where a local voice exists (runCues.ts). */
import { useEffect } from 'react';
import { useT } from '../../app/i18n.js';
import { playTone, speak } from './runCues.js';
import { setRunCueSink } from './runStore.js';

export function useRunCueSound(): void {
  const { t, locale } = useT();
  useEffect(() => {
    setRunCueSink((c) => {
      playTone(c.kind);
      speak(t(`run.cue.${c.kind}`), locale);
    });
    return () => setRunCueSink(null);
  }, [locale, t]);
}
