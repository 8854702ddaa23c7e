/** Questionnaires tab: entry (or the correction of a stored result) on the left, the scores per moment on the right. */
import { useState } from 'react';
import type { QuestionnaireEntry } from '../../../shared/domain/types.js';
import { QuestionnaireForm } from './QuestionnaireForm.js';
import { QuestionnaireTables } from './QuestionnaireTable.js';
import type { RecordData } from './useRecord.js';

export function QuestionnairesTab({ data, reload }: { data: RecordData; reload: () => Promise<void> }) {
  const [editing, setEditing] = useState<QuestionnaireEntry | null>(null);
  return (
    <div className="rec-cols rec-cols-form">
      <div className="rec-col">
        <QuestionnaireForm clientId={data.clientId} courses={data.courses} onSaved={reload} editing={editing} onStopEditing={() => setEditing(null)} />
      </div>
      <div className="rec-col">
        <QuestionnaireTables
          entries={data.questionnaires}
          onEdit={setEditing}
          onDeleted={async (e) => {
            if (editing?.id === e.id) setEditing(null);
            await reload();
          }}
        />
      </div>
    </div>
  );
}
