/** Audit-trail tab of the client page: the access log (who did what, when; checked, exportable) and the change history. */
import { AccessLogCard } from './AccessLogCard.js';
import { ChangeHistoryCard } from './ChangeHistoryCard.js';

export function AuditTab({ clientId }: { clientId: number }) {
  return (
    <div className="rec-stack">
      <AccessLogCard clientId={clientId} />
      <ChangeHistoryCard clientId={clientId} />
    </div>
  );
}
