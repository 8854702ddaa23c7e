/**
 * Dutch texts of the coded errors and notices that cross the API as `{code, params}` (see
 * CadansError.ts). The keys are the codes; errors.en.ts must have exactly the same keys.
 */
export const errorsNl = {
  'error.unknown': '{detail}',
  'error.invalidCall': 'De app deed een verzoek dat de Cadans-kern niet aanneemt ({detail}).',
  'error.linkLost': 'De verbinding met de Cadans-kern is verbroken.',
  'sensor.noneConnected': 'Verbind eerst een sensor.',
  'sensor.notConnected': 'Sensorkanaal {channel} is niet verbonden.',
  'sensor.inUse': 'Stop de sessie voordat je de sensor loskoppelt.',
  'sensor.unknown': 'Onbekende sensor: kies er een uit de sensorlijst.',
  'sensor.portNotListed': 'Die seriële poort staat niet in de sensorlijst; zoek naar sensoren en kies hem uit de lijst.',
  'sensor.unknownReplay': 'Onbekend opnamebestand: kies het bestand opnieuw met "Opname afspelen…".',
  'sensor.replayDesktopOnly': 'Opnamebestanden kies je in de desktop-app.',
  'sensor.bluetoothUnavailable': 'Bluetooth is op deze computer niet beschikbaar; seriële sensoren en de simulator werken wel.',
  'sensor.bluetoothScanSkipped': 'Er is niet naar Bluetooth gezocht.',
  'sensor.serialListFailed': 'De seriële poorten konden niet worden opgesomd ({detail}).',
  'sensor.listNote': '{detail}',
  'serial.notFound': 'Kan {port} niet openen: de poort bestaat niet (is de sensor aangesloten?).',
  'serial.permission': "Kan {port} niet openen: geen toestemming (voeg op Linux je gebruiker toe aan de groep 'dialout' en log opnieuw in).",
  'serial.busy': 'Kan {port} niet openen: de poort is in gebruik door een ander programma.',
  'serial.deviceGone': 'Kan {port} niet openen: het apparaat reageert niet (is de sensor losgeraakt? Sluit hem opnieuw aan).',
  'serial.badSetting': 'Kan {port} niet openen: de poort accepteert deze instelling niet (controleer de baudrate in de sensorspecificatie).',
  'serial.openFailed': 'Kan {port} niet openen ({detail}).',
  'serial.notRecognised': 'Geen hartslagsensor herkend op {port} ({detail}).',
  'session.alreadyRunning': 'Er loopt al een sessie; stop die eerst.',
  'session.notRunning': '{action, select, stop {Er is geen sessie om te stoppen.} pause {Er is geen sessie om te pauzeren.} resume {Er is geen sessie om te hervatten.} other {Er loopt geen sessie.}}',
  'session.resumeBeforePacer': 'Hervat de sessie voordat je de ademhalingsbegeleider wijzigt.',
  'session.groupTooSmall': 'Een groepssessie heeft minstens 2 cliënten nodig, elk met een eigen sensor.',
  'session.groupSameSensor': 'Sensor {channel} is aan meer dan één cliënt gegeven: elke cliënt heeft een eigen sensor nodig.',
  'session.groupSameClient': 'Cliënt {clientId} staat meer dan eens in de groep.',
  'session.notInGroup': 'Cliënt {clientId} doet niet mee aan de lopende sessie.',
  'storage.unavailable': 'De database kan nu niet worden gebruikt ({detail}).',
  'storage.file':
    '{problem, select, not_found {Het databasebestand {file} bestaat niet.} not_sqlite {{file} is geen Cadans-database (geen SQLite-databasebestand); Cadans heeft het niet veranderd.} truncated {{file} is afgekapt (onvolledig gekopieerd of gedownload); Cadans heeft het niet veranderd.} corrupt {{file} is beschadigd; Cadans heeft het niet veranderd.} foreign {{file} is een database van een ander programma, geen Cadans-database; Cadans heeft het niet veranderd.} too_new {{file} is gemaakt door een nieuwere versie van Cadans; werk Cadans bij om het te openen.} needs_upgrade {{file} moet eerst worden bijgewerkt: open het één keer in Cadans.} in_use {{file} is in gebruik door Cadans of een ander programma; sluit het eerst.} wrong_passphrase {De wachtzin opent {file} niet.} exists {{file} bestaat al; Cadans overschrijft het niet. Kies een andere bestandsnaam.} disk_full {De schijf met {file} is vol; maak ruimte vrij en probeer het opnieuw.} other {{file} kan niet worden gebruikt (lees- of schrijffout).}}',
  'storage.diskFull': 'De schijf is vol: {seconds, plural, one {# seconde} other {# seconden}} van sessie {sessionId} konden niet worden opgeslagen.',
  'report.noPrinter': 'Er is geen PDF-printer ingesteld.',
  'report.failed': 'Het rapport kon niet worden gemaakt ({detail}).',
  'report.tooLarge': 'Sessie {sessionId} is te groot om vanuit de app te exporteren (meer dan {mb} MB); gebruik cadans export.',
  'resonance.alreadyRunning': 'Er loopt al een resonantiemeting; stop of annuleer die eerst.',
  'resonance.notRunning': 'Er loopt geen resonantiemeting.',
  'resonance.none': 'Sessie {sessionId} heeft geen resonantiemeting.',
  'lock.locked': 'De console is vergrendeld: ontgrendel hem eerst.',
  'lock.wrongPassphrase': 'Onjuiste wachtwoordzin: de console blijft vergrendeld.',
  'lock.afterRange': 'Vergrendelen na: een heel aantal minuten van 0 (nooit) tot {max}.',
};

export type ErrorCode = keyof typeof errorsNl;
