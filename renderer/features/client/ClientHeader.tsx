/** Top of the client page: which client (switchable), their key facts and where they are in the course. */
import type { Client, Course } from '../../../shared/domain/types.js';
import { hasKey, useT, type StringKey } from '../../app/i18n.js';
import { navigate, useRoute } from '../../app/route.js';
import { useApp } from '../../app/store.js';
import { courseOn, courseWeek, todayIso } from './recordDates.js';

export function ClientHeader({ client, courses }: { client: Client; courses: Course[] }) {
  const { t, fmt } = useT();
  const clients = useApp((s) => s.clients);
  const route = useRoute();
  const tab = route.name === 'record' && route.tab ? route.tab : 'overview';
  const course = courseOn(courses, todayIso());
  const week = course ? courseWeek(course, todayIso()) : null;
  const complaint = client.complaint ? (hasKey(`complaint.${client.complaint}`) ? t(`complaint.${client.complaint}` as StringKey) : client.complaint) : null;
  const facts = [
    client.dateOfBirth ? t('client.bornOn', { date: fmt.date(client.dateOfBirth) }) : null,
    complaint,
    client.referralSource ? t('rec.details.referredBy', { who: client.referralSource }) : null,
  ].filter(Boolean);

  return (
    <header className="rec-header">
      <div className="rec-id">
        <span className="rec-avatar" aria-hidden="true">
          {client.name.trim().charAt(0).toUpperCase()}
        </span>
        <div>
          <h1 className="rec-name" data-testid="record-name">
            {client.name}
          </h1>
          <p className="small muted">{facts.length ? facts.join(' · ') : t('rec.details.noFacts')}</p>
        </div>
      </div>
      <div className="rec-course-chip" data-testid="course-chip">
        {course ? (
          <>
            <span className="rec-chip-label">{t('rec.course.title')}</span>
            <span>
              {week !== null ? t('rec.course.week', { n: week }) : ''}
              {course.finalEvaluationDate ? ` · ${t('rec.course.final')} ${fmt.date(course.finalEvaluationDate)}` : ''}
            </span>
          </>
        ) : (
          <span className="muted small">{t('rec.course.none')}</span>
        )}
      </div>
      <label className="rec-switch">
        <span className="field-label">{t('rec.pickClient')}</span>
        <select value={client.id} onChange={(e) => navigate(`#/client/${e.target.value}/${tab}`)} data-testid="record-client-select">
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
