/**
 * Dutch texts of practice mode's coded errors (issue 17): why the practice database (PostgreSQL)
 * could not be used, in words a therapist understands (the server's own text is kept only as a
 * technical detail), and restricting a client from the app. Part of errors.nl.ts.
 */
import { reasonEntries, reasonSelect, type ReasonTable } from './practiceReasons.js';

const REASONS: ReasonTable = {
  'connection-refused': 'de server weigert de verbinding — draait hij, en klopt de poort in het adres?',
  'host-unknown': 'de server is onbekend — klopt de servernaam in het adres?',
  'timeout': 'de server antwoordt niet op tijd — is het netwerk of de server onbereikbaar of overbelast?',
  'auth-failed': 'de server herkent deze gebruiker of dit wachtwoord niet',
  'permission-denied': 'uw PostgreSQL-rol mag dit niet — geen Cadans-therapeut, of de cliënt is afgeschermd voor andere therapeuten',
  'no-database': 'de database uit het adres bestaat niet op de server',
  'server-newer': 'de praktijkdatabase is van een nieuwere Cadans — werk Cadans bij',
  'not-initialised': 'de praktijkdatabase is nog niet ingericht voor Cadans — voer cadans practice init uit',
  'tls': 'de beveiligde verbinding (TLS) mislukte — controleer sslmode en het certificaat',
  'other': 'de praktijkdatabase gaf een onverwachte fout',
};

export const practiceErrorsNl = {
  ...reasonEntries(REASONS),
  'practiceDb.technical': '{reason} [technisch: {detail}]',
  'practiceDb.off': 'Praktijkmodus staat uit: er is geen praktijkdatabase ingesteld, dus afschermen kan niet.',
  'practiceDb.problem': `De praktijkdatabase is nu niet te gebruiken: ${reasonSelect(REASONS)}`,
  'practiceDb.notAdmin': 'Alleen de praktijkhouder (de rol die cadans practice init uitvoerde, of een lid van cadans_admin) mag een cliënt afschermen.',
  'practiceDb.noTherapist': "''{role}'' is geen Cadans-therapeut in de praktijkdatabase.",
  'client.withheld': 'Deze cliënt is in de praktijk afgeschermd voor andere therapeuten: u kunt het dossier hier niet meer openen of rapporteren. Er is niets verwijderd; zodra de praktijkhouder u weer toegang geeft, is de cliënt na het bijwerken terug.',
  'practiceDb.clientNotShared': 'Deze cliënt staat nog niet in de praktijkdatabase; klik eerst op "Nu bijwerken".',
  'practiceDb.settingBadUrl': "Het adres van de praktijkdatabase moet de vorm postgres://gebruiker@server:poort/database hebben (ingevuld: ''{value}'').",
  'practiceDb.settingPassword': 'Zet geen wachtwoord in het adres van de praktijkdatabase: het zou leesbaar in het instellingenbestand staan. Gebruik een .pgpass-bestand of PGPASSWORD.',
};
