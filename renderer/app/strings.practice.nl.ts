/** Dutch strings of practice mode added for issue 17's gaps (parked changes, restricting a client); the rest is in strings.nl.ts. */
export const practiceNl = {
  'practice.parked': '{n, plural, one {# wijziging geweigerd} other {# wijzigingen geweigerd}}',
  'practice.parkedTitle':
    'De praktijkdatabase weigerde wijzigingen voor {clients}: afgeschermd voor andere therapeuten. Ze blijven hier bewaard en worden opnieuw geprobeerd als de rechten veranderen of met "Nu bijwerken"; al het andere is verstuurd.',
  'practice.restrict.title': 'Afscherming in de praktijk',
  'practice.restrict.everyone': 'Zichtbaar voor alle therapeuten van de praktijk.',
  'practice.restrict.only': 'Afgeschermd: alleen zichtbaar voor {therapists}.',
  'practice.restrict.unknown': 'Alleen de praktijkhouder ziet en wijzigt wie deze cliënt mag zien.',
  'practice.restrict.notShared': 'Deze cliënt staat nog niet in de praktijkdatabase; dat gebeurt bij de volgende synchronisatie.',
  'practice.restrict.field': 'Therapeuten (hun PostgreSQL-rollen, gescheiden door komma\'s)',
  'practice.restrict.apply': 'Afschermen',
  'practice.restrict.lift': 'Afscherming opheffen',
  'practice.restrict.badRole': '"{role}" is geen geldige rolnaam: letters, cijfers en _, beginnend met een letter.',
  'practice.restrict.none': 'Geef minstens één therapeut, of hef de afscherming op.',
  'practice.restrict.choices': 'Therapeuten in de praktijk: {roles}',
  'practice.restrict.saved': 'Opgeslagen in de praktijkdatabase.',
} as const;
