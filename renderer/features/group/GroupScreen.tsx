/**
 * The group session page (#/group): the set-up while no session runs, the therapist console while
 * a group session runs, and a pointer to the live screen while a single session runs. After a
 * group ends, a line says where its sessions are.
 */
import { useT } from '../../app/i18n.js';
import { navigate } from '../../app/route.js';
import { useApp } from '../../app/store.js';
import { Card } from '../../ui/Card.js';
import { GroupConsole } from './GroupConsole.js';
import { GroupSetup } from './GroupSetup.js';

export function GroupScreen() {
  const { t } = useT();
  const phase = useApp((s) => s.session.phase);
  const grouped = useApp((s) => s.session.groupId !== null);
  const lastGroup = useApp((s) => (s.session.phase === 'idle' ? s.session.lastEndedGroupId : null));
  const groupRun = useApp((s) => s.session.type === 'run');
  if (grouped && groupRun) {
    return (
      <div className="group-page">
        <Card testId="group-busy">
          <p>{t('grouprun.elsewhere')}</p>
          <button className="btn" onClick={() => navigate('#/grouprun')}>
            {t('grouprun.toConsole')}
          </button>
        </Card>
      </div>
    );
  }
  if (grouped) return <GroupConsole />;
  if (phase !== 'idle') {
    return (
      <div className="group-page">
        <Card testId="group-busy">
          <p>{t('group.singleRunning')}</p>
          <button className="btn" onClick={() => navigate('#/live')}>
            {t('nav.live')}
          </button>
        </Card>
      </div>
    );
  }
  return (
    <div className="group-page">
      {lastGroup !== null && (
        <p className="notice small" data-testid="group-saved">
          {t('group.saved')}
        </p>
      )}
      <GroupSetup />
    </div>
  );
}
