/** English strings of practice mode added for issue 17's gaps; exactly the keys of strings.practice.nl.ts. */
import type { practiceNl } from './strings.practice.nl.js';

export const practiceEn: Record<keyof typeof practiceNl, string> = {
  'practice.parked': '{n, plural, one {# change refused} other {# changes refused}}',
  'practice.parkedTitle':
    'The practice database refused changes for {clients}: restricted to other therapists. They stay stored here and are tried again when rights change or on "Sync now"; everything else was sent.',
  'practice.restrict.title': 'Restriction in the practice',
  'practice.restrict.everyone': 'Visible to every therapist of the practice.',
  'practice.restrict.only': 'Restricted: only visible to {therapists}.',
  'practice.restrict.unknown': 'Only the practice owner sees and changes who may see this client.',
  'practice.restrict.notShared': 'This client is not in the practice database yet; that happens at the next sync.',
  'practice.restrict.field': 'Therapists (their PostgreSQL roles, separated by commas)',
  'practice.restrict.apply': 'Restrict',
  'practice.restrict.lift': 'Lift restriction',
  'practice.restrict.badRole': '"{role}" is not a valid role name: letters, digits and _, starting with a letter.',
  'practice.restrict.none': 'Give at least one therapist, or lift the restriction.',
  'practice.restrict.choices': 'Therapists in the practice: {roles}',
  'practice.restrict.saved': 'Saved in the practice database.',
  'practice.setup': 'Practice database…',
  'practice.setupTitle': 'Set the practice database (PostgreSQL) through which the workstations share records',
  'practice.setup.field': 'Address of the practice database',
  'practice.setup.hint': 'postgres://user@server:5432/database — your PostgreSQL role as the user, without a password (that goes in a .pgpass file or PGPASSWORD). Empty: practice mode off.',
  'practice.setup.save': 'Save',
  'practice.setup.clear': 'Clear',
  'practice.setup.close': 'Close',
  'practice.setup.restart': 'Saved. Cadans uses this address after a restart.',
  'practice.setup.inUse': 'Saved; this address is already in use.',
  'practice.setup.env': 'Saved, but CADANS_PRACTICE_DB is set on this computer and goes first.',
};
