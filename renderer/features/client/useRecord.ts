/** `useRecord` — everything the client page shows of one client, loaded together and reloaded after each change. */
import { useCallback, useEffect, useState } from 'react';
import type { Course, Goal, QuestionnaireEntry, RunningLogEntry, SessionListItem } from '../../../shared/domain/types.js';
import { api } from '../../app/api.js';
import { onRecordsChange, showError } from '../../app/store.js';

export interface RecordData {
  clientId: number;
  courses: Course[];
  goals: Goal[];
  questionnaires: QuestionnaireEntry[];
  runs: RunningLogEntry[];
  /** Newest first. */
  sessions: SessionListItem[];
}

export function useRecord(clientId: number | null): { data: RecordData | null; reload: () => Promise<void> } {
  const [data, setData] = useState<RecordData | null>(null);
  const load = useCallback(async (id: number): Promise<RecordData> => {
    const a = api();
    const [courses, goals, questionnaires, runs, sessions] = await Promise.all([
      a.listCourses(id),
      a.listGoals(id),
      a.listQuestionnaires(id),
      a.listRunningLog(id),
      a.listSessions(id),
    ]);
    return { clientId: id, courses, goals, questionnaires, runs, sessions };
  }, []);

  useEffect(() => {
    setData(null);
    if (clientId === null) return;
    let live = true;
    load(clientId).then((d) => live && setData(d), showError);
    // Changed elsewhere (another window, `cadans record` in a terminal): new or ended sessions
    // re-fetch the session list only; a change of the rest of the record re-fetches it all.
    const off = onRecordsChange((c) => {
      if (!c.clientIds.includes(clientId)) return;
      if (c.recordClientIds.includes(clientId)) {
        load(clientId).then((d) => live && setData(d), showError);
        return;
      }
      api()
        .listSessions(clientId)
        .then((sessions) => live && setData((d) => (d && d.clientId === clientId ? { ...d, sessions } : d)), showError);
    });
    return () => {
      live = false;
      off();
    };
  }, [clientId, load]);

  const reload = useCallback(async () => {
    if (clientId === null) return;
    try {
      setData(await load(clientId));
    } catch (e) {
      showError(e);
    }
  }, [clientId, load]);
  return { data, reload };
}
