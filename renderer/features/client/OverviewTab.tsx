/** Overview tab: details and home practice on the left; the treatment course and SMART goals on the right. */
import type { Client } from '../../../shared/domain/types.js';
import { CourseCard } from './CourseCard.js';
import { DetailsCard } from './DetailsCard.js';
import { GoalsCard } from './GoalsCard.js';
import { PrescriptionCard } from './PrescriptionCard.js';
import { courseOn, todayIso } from './recordDates.js';
import type { RecordData } from './useRecord.js';

export function OverviewTab({ client, data, reload }: { client: Client; data: RecordData; reload: () => Promise<void> }) {
  const course = courseOn(data.courses, todayIso());
  return (
    <div className="rec-cols">
      <div className="rec-col">
        <DetailsCard client={client} />
        <PrescriptionCard clientId={client.id} />
      </div>
      <div className="rec-col">
        <CourseCard clientId={client.id} courses={data.courses} reload={reload} />
        <GoalsCard clientId={client.id} courseId={course?.id ?? null} goals={data.goals} reload={reload} />
      </div>
    </div>
  );
}
