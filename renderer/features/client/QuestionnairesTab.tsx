/** Questionnaires tab: entry on the left, the scores per moment on the right. */
import { QuestionnaireForm } from './QuestionnaireForm.js';
import { QuestionnaireTables } from './QuestionnaireTable.js';
import type { RecordData } from './useRecord.js';

export function QuestionnairesTab({ data, reload }: { data: RecordData; reload: () => Promise<void> }) {
  return (
    <div className="rec-cols rec-cols-form">
      <div className="rec-col">
        <QuestionnaireForm clientId={data.clientId} courses={data.courses} onSaved={reload} />
      </div>
      <div className="rec-col">
        <QuestionnaireTables entries={data.questionnaires} />
      </div>
    </div>
  );
}
