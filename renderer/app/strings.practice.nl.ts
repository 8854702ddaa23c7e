/** Dutch strings of practice mode added for issue 17's gaps (parked changes, restricting a client); the rest is in strings.nl.ts. */
export const practiceNl = {
  'practice.parked': '{n, plural, one {# wijziging geweigerd} other {# wijzigingen geweigerd}}',
  'practice.parkedTitle':
    'De praktijkdatabase weigerde wijzigingen voor {clients}: afgeschermd voor andere therapeuten. Ze blijven hier bewaard en worden opnieuw geprobeerd als de rechten veranderen of met "Nu bijwerken"; al het andere is verstuurd.',
} as const;
