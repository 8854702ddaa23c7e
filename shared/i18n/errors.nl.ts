/**
 * Dutch texts of the coded errors and notices that cross the API as `{code, params}` (see
 * CadansError.ts). The keys are the codes; errors.en.ts must have exactly the same keys.
 */
import { appErrorsNl } from './appErrors.nl.js';
import { practiceErrorsNl } from './practiceErrors.nl.js';
import { ioTextsNl } from './ioTexts.nl.js';

export const errorsNl = {
  ...practiceErrorsNl,
  ...appErrorsNl,
  ...ioTextsNl,
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
  // Bluetooth-hartslagsensoren (native-adapters/sensors/bleSource.ts, nobleSession.ts, polarPpgStream.ts).
  'ble.noNoble': 'Bluetooth is op deze computer niet beschikbaar: de Bluetooth-ondersteuning kon niet worden geladen (technische melding: {detail}).',
  'ble.adapter':
    '{state, select, poweredOff {Bluetooth staat uit — zet het aan in de systeeminstellingen} unauthorized {{platform, select, linux {geen toestemming om Bluetooth te gebruiken — voer eenmalig uit: sudo setcap cap_net_raw+eip $(readlink -f {execPath}) (het echte node- of electron-programma)} darwin {geen toestemming om Bluetooth te gebruiken — sta het Cadans toe in Systeeminstellingen › Privacy en beveiliging › Bluetooth} other {geen toestemming om Bluetooth te gebruiken}}} unsupported {deze Bluetooth-adapter ondersteunt geen Bluetooth Low Energy} resetting {de Bluetooth-adapter wordt opnieuw gestart} other {geen Bluetooth-adapter gevonden}}{warning, select, none {} other { (technische melding: {warning})}}',
  'ble.scanFailed': 'Kan niet naar Bluetooth-sensoren zoeken (technische melding: {detail}).',
  'ble.notFound':
    "{which, select, id {sensor {sensor} niet gevonden} name {sensor ''{sensor}'' niet gevonden} other {geen hartslagsensor gevonden}} binnen {seconds} s — staat hij aan, wordt hij gedragen en is hij niet met een telefoon verbonden?",
  'ble.timeout':
    '{step, select, connect {verbinden met {device} duurde langer dan {seconds} s} discover {{device} gaf niet op tijd door welke metingen hij biedt} other {{device} zette de hartslagmeting niet op tijd aan}}',
  'ble.noHeartRate': '{device} levert geen hartslagmeting (het Bluetooth-kenmerk 0x2A37 ontbreekt)',
  'ble.noPmd':
    "{device} heeft geen Polar-PMD-dienst en levert dus geen {stream, select, ppg {PPG; gebruik ''ble'' zonder ppg=1 voor alleen hartslag en RR-intervallen} other {PPI; gebruik ''ble'' zonder ppi=1}}",
  'ble.noPolarStream':
    "{device} levert geen Polar-{stream, select, ppg {PPG} other {PPI}} ({why, select, notOffered {de sensor biedt het niet aan} featuresUnreadable {de sensor zegt niet welke metingen hij biedt} sdkMode {de sensor staat in SDK-modus} other {technische melding: {reason}}}); gebruik ''ble'' zonder {stream, select, ppg {ppg=1 voor alleen hartslag en RR-intervallen} other {ppi=1}}",
  'serial.notFound': 'Kan {port} niet openen: de poort bestaat niet (is de sensor aangesloten?).',
  'serial.permission': "Kan {port} niet openen: geen toestemming (voeg op Linux je gebruiker toe aan de groep 'dialout' en log opnieuw in).",
  'serial.busy': 'Kan {port} niet openen: de poort is in gebruik door een ander programma.',
  'serial.deviceGone': 'Kan {port} niet openen: het apparaat reageert niet (is de sensor losgeraakt? Sluit hem opnieuw aan).',
  'serial.badSetting': 'Kan {port} niet openen: de poort accepteert deze instelling niet (controleer de baudrate in de sensorspecificatie).',
  'serial.openFailed': 'Kan {port} niet openen: het besturingssysteem meldt een onverwachte fout (technische melding: {detail}).',
  'serial.notRecognised': 'Geen hartslagsensor herkend op {port} (technische melding: {detail}).',
  'run.noBlocks': 'Deze cliënt heeft geen looprogramma met een volgende training: vul de blokken van de sessie zelf in.',
  'run.badBlocks': 'De blokken van de loopsessie kloppen niet: {detail}.',
  'run.notRunning': 'Er loopt geen loopsessie.',
  'run.notRunBlock': 'Blok {block} is geen loopblok: de Borg-score hoort bij een loopblok.',
  'serial.sketchFailed': "De PulseSensor-sketch op {port} ({baud} baud) geeft '!': PulseSensor.begin() is mislukt (ondersteunt de bibliotheek dit bord niet?).",
  'serial.noData': 'Geen gegevens van {port} bij welke baudrate ook: staat de sensor aan en verstuurt hij gegevens?',
  'serial.noProtocol': 'Geen bekend protocol van een hartslagsensor herkend op {port}.',
  'serial.noProtocolBest': 'Geen bekend protocol van een hartslagsensor herkend op {port} (het beste: {protocol} op {baud} baud, {readings} metingen, {pct}% onleesbaar).',
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
  // Verzoeken aan de resonantiemeting die niet de goede vorm hebben (main/app/resonanceService.ts; het contract weigert ze meestal al eerder).
  'resonance.settingsNotObject': 'De instellingen van de resonantiemeting ontbreken of zijn onleesbaar.',
  'resonance.unknownSettings': '{count, plural, one {Onbekende instelling} other {Onbekende instellingen}} van de resonantiemeting: {settings} (bekend zijn: {known}).',
  'resonance.noRequest': 'Het verzoek aan de resonantiemeting ({call}) ontbreekt of is onleesbaar.',
  'resonance.badClientId': 'Kies eerst een cliënt: het cliëntnummer moet een positief geheel getal zijn (gegeven: {got}).',
  'resonance.badVariant': 'Onbekende soort resonantiemeting: {got} (kies uit {variants}).',
  'resonance.badSessionId': 'Het sessienummer moet een positief geheel getal zijn (gegeven: {got}).',
  'resonance.badOverrideRate': 'De gekozen ademfrequentie moet een aantal ademhalingen per minuut zijn, of leeg (gegeven: {got}).',
  'lock.locked': 'De console is vergrendeld: ontgrendel hem eerst.',
  'lock.wrongPassphrase': 'Onjuiste wachtwoordzin: de console blijft vergrendeld.',
  'lock.afterRange': 'Vergrendelen na: een heel aantal minuten van 0 (nooit) tot {max}.',
  // Een PPG-opname die niet te analyseren is (shared/dsp/analyzePpg.ts: AnalysisInputError); {rate} is waar de
  // bemonsteringsfrequentie vandaan komt: fs = --fs of de tijdkolom (cadans analyze), sensor = een opgeslagen sessie.
  'analysis.rateUnsupported': 'een bemonsteringsfrequentie van {fs, number, ::.###### group-off} Hz wordt niet ondersteund (20–2000 Hz)',
  'analysis.tooShort': 'maar {sec, number, ::.0 group-off} s signaal bij {fs, number, ::.###### group-off} Hz; er is minstens {min} s nodig',
  'analysis.flat': 'het signaal is een vlakke lijn (elke meetwaarde is gelijk): geen polsslag om te analyseren',
  'analysis.noUsablePulse':
    'geen bruikbare polsslag gevonden: {usable, number, ::.0 group-off} s bruikbaar van {duration, number, ::.0 group-off} s bij {fs, number, ::.###### group-off} Hz{median, select, none {} other { (mediaan slag-op-slaginterval {median, number, ::.00 group-off} s)}}{rate, select, fs {; controleer de signaalkolom en --fs} other {}}',
  'analysis.noPulseBand':
    'geen polsslag in het hartslagbereik bij {fs, number, ::.###### group-off} Hz (de gevonden pulsen zijn {pct} % van het bereik van het signaal): klopt de bemonsteringsfrequentie{rate, select, fs { (--fs)} other {}}?',
  'analysis.implausibleRate': 'onwaarschijnlijke hartslag ({bpm, number, ::group-off} slagen per minuut) bij {fs, number, ::.###### group-off} Hz: klopt de bemonsteringsfrequentie{rate, select, fs { (--fs)} other {}}?',
  // A PPG CSV that cannot be read (shared/io/ppgCsv.ts); a column is named by `column` in English, `columnNl` in Dutch.
  'csv.empty': 'leeg bestand',
  'csv.noHeader': 'geen kopregel: de eerste regel bevat getallen; het bestand moet beginnen met kolomnamen zoals time,ppg',
  'csv.headerOnly': 'minder dan 2 gegevensregels: het bestand heeft een kopregel maar geen gegevens',
  'csv.badFs': 'ongeldige bemonsteringsfrequentie --fs {fs}: geef een positief aantal Hz',
  'csv.noTimeColumn': 'geen tijdkolom (time, t of timestamp) in {columnsNl}: geef de bemonsteringsfrequentie (--fs)',
  'csv.noColumn': 'geen kolom "{asked}" (kolommen: {columnsNl})',
  'csv.noNumericColumn': 'geen kolom met getallen naast de tijdkolom (kolommen: {columnsNl})',
  'csv.timeIsSignal': '{columnNl} is de tijdkolom, geen signaal',
  'csv.tooFewRows': 'minder dan 2 gegevensregels (gevonden: {found})',
  'csv.noNumbers': '{columnNl} bevat geen getallen',
  'csv.tooFewTimedRows': 'minder dan 2 gegevensregels met een geldige tijd (gevonden: {found})',
  'csv.timeNotIncreasing': 'de tijd loopt niet op in gegevensregel {row} ({t, number, ::.###### group-off} s na {prev, number, ::.###### group-off} s)',
  'csv.timeUnit': 'de tijdkolom geeft {hz, number, ::@@@ group-off} Hz: staat {columnNl} wel in seconden?',
  'csv.fsDisagrees': '--fs {fs} klopt niet met de tijdkolom ({hz, number, ::.0 group-off} Hz)',
  'csv.timeJump': 'de tijdkolom springt {sec, number, ::precision-integer group-off} s vooruit na {after, number, ::.###### group-off} s: dit is geen doorlopende opname',
  // Wat bij het lezen van een PPG-CSV is aangenomen of hersteld (shared/io/ppgCsv.ts; `cadans analyze` toont ze als opmerking).
  'csvNote.guessedColumn': 'geen kolom met de naam ppg, pleth of signal: {columnNl} wordt gebruikt',
  'csvNote.rowsWithoutTime': '{count} {n, plural, one {regel} other {regels}} zonder geldige tijd overgeslagen',
  'csvNote.fsUsed': '--fs {fs} Hz wordt gebruikt (de tijdkolom geeft {hz, number, ::.00 group-off} Hz)',
  'csvNote.gaps': '{count} {n, plural, one {gat} other {gaten}} in de tijdkolom ({shown, select, 1 {{from1, number, ::.00 group-off}–{to1, number, ::.00 group-off} s} 2 {{from1, number, ::.00 group-off}–{to1, number, ::.00 group-off} s, {from2, number, ::.00 group-off}–{to2, number, ::.00 group-off} s} other {{from1, number, ::.00 group-off}–{to1, number, ::.00 group-off} s, {from2, number, ::.00 group-off}–{to2, number, ::.00 group-off} s, {from3, number, ::.00 group-off}–{to3, number, ::.00 group-off} s}}{more, select, yes {, …} other {}}): {lost} ontbrekende meetwaarden aangevuld met NaN',
  'csvNote.nanCells': '{count} van de {total} cellen in {columnNl} {n, plural, one {is} other {zijn}} leeg of geen getal (gelezen als NaN){text, select, none {} other {, waarvan {text} met tekst}}',
  // A recording file that cannot be read (native-adapters/files/readTextInput.ts).
  'file.notFound': 'bestand bestaat niet: {file}',
  'file.folder': '{file} is een map, geen opname',
  'file.permission': 'kan {file} niet lezen: geen toestemming',
  'file.tooLarge': '{file}: het is groter dan {cap}, het meeste dat Cadans uit één bestand leest (ongeveer tien uur PPG op 250 Hz); splits de opname',
  'file.binary': '{file}: het is geen tekstbestand (het bevat binaire gegevens); Cadans leest PPG-CSV- en RR-tekstbestanden',
  'file.io': 'kan {file} niet lezen: leesfout ({detail})',
  // Een opnamebestand dat niet als sensor kan worden afgespeeld (`file:`-specificatie).
  'replay.failed':
    'kan {file} niet afspelen: {problem, select, notFound {het bestand bestaat niet} folder {het is een map, geen opname} permission {geen toestemming om het te lezen} tooLarge {het is groter dan {cap}, het meeste dat Cadans uit één bestand leest (ongeveer tien uur PPG op 250 Hz); splits de opname} binary {het is geen tekstbestand (het bevat binaire gegevens); Cadans leest PPG-CSV- en RR-tekstbestanden} io {leesfout ({detail})} empty {het bestand is leeg} noSamples {er staan geen meetwaarden in} other {{cause}}}',
  // De csv.*-problemen die de bemonsteringsfrequentie noemen, zoals een afgespeeld bestand ze krijgt: in een
  // bronspecificatie heet de optie ?fs= (opname.csv?fs=50), niet --fs zoals bij `cadans analyze`.
  'replayCsv.noTimeColumn': 'geen tijdkolom (time, t of timestamp) in {columnsNl}: geef de bemonsteringsfrequentie op met ?fs= achter de bestandsnaam in de bron (bijvoorbeeld opname.csv?fs=50)',
  'replayCsv.badFs': 'ongeldige bemonsteringsfrequentie ?fs={fs}: geef een positief aantal Hz',
  'replayCsv.fsDisagrees': '?fs={fs} klopt niet met de tijdkolom ({hz, number, ::.0 group-off} Hz): laat ?fs= weg, de tijdkolom geeft de frequentie al',
  // An RR-interval text that cannot be read (shared/io/rrText.ts).
  'rr.noNumbers': 'geen getallen in het bestand',
  'rr.ppgColumn': 'geen slag-op-slagintervallen: het bestand bevat een PPG-signaal ({columnNl}), niet één interval per slag',
  'rr.noNumericColumn': 'geen kolom met getallen in het bestand',
  'rr.sampled': 'geen slag-op-slagintervallen: de tijdkolom loopt op in stappen van {stepMs, number, ::.###### group-off} ms, een bemonsterd signaal (PPG) in plaats van één regel per slag',
  'rr.tooFew': 'maar {found} {kind, select, positive {positieve } plausible {aannemelijke } other {}}intervallen in het bestand (er zijn er minstens {min} nodig)',
  'rr.implausible': 'onwaarschijnlijke intervallen (mediaan {median} ms, gelezen als {unit}): RR-intervallen liggen tussen {min} en {max} ms',
  // Pacerinstellingen die niet bruikbaar zijn (shared/pacer/pacerSettings.ts).
  'pacer.notObject': 'de instellingen van de pacer ontbreken',
  'pacer.rateNotNumber': 'de ademfrequentie moet een getal zijn',
  'pacer.rateRange': 'de ademfrequentie moet tussen {min, number} en {max} per minuut liggen (gegeven: {gotNum, number})',
  'pacer.inhaleNotNumber': 'het aandeel inademen moet een getal zijn',
  'pacer.inhaleRange': 'het inademen moet {minPct, number} tot {maxPct, number} % van de ademhaling duren (gegeven: {gotPct, number} %)',
  'pacer.hold': '{key, select, holdInSec {de pauze na het inademen} holdOutSec {de pauze na het uitademen} other {de pauze}} moet een aantal seconden ≥ 0 zijn (gegeven: {got})',
  'pacer.duration': 'de duur moet een aantal seconden > 0 zijn (gegeven: {got})',
  'pacer.strokeTooShort':
    '{by, select, holds {de pauzes laten te weinig tijd over: inademen {inhale, number} s en uitademen {exhale, number} s moeten elk minstens {min, number} s duren binnen de ademhaling van {period, number} s} other {met deze verhouding in- en uitademen duurt het inademen {inhale, number} s en het uitademen {exhale, number} s van de ademhaling van {period, number} s; elk moet minstens {min, number} s duren (kies een gelijkmatiger verhouding of een lagere ademfrequentie)}}',
  // Resonance protocol settings that cannot be used (shared/dsp/resonance/resonanceProtocol.ts).
  'resonanceProtocol.slidingFixed': 'de glijdende meting volgt de vaste reeks van 6,75 naar 4,25 ademhalingen per minuut; {settings} gelden daarbij niet',
  'resonanceProtocol.notObject': 'de instellingen van het resonantieprotocol ontbreken',
  'resonanceProtocol.rates': 'geef 2 tot {max} ademfrequenties (gegeven: {got})',
  'resonanceProtocol.stepSec': 'de staplengte moet een aantal seconden > 0 zijn (gegeven: {got})',
  'resonanceProtocol.settleSec': 'de inlooptijd moet een aantal seconden ≥ 0 zijn (gegeven: {got})',
  'resonanceProtocol.restSec': 'de rust tussen de stappen moet een aantal seconden ≥ 0 zijn (gegeven: {got})',
  'resonanceProtocol.stepRate': 'stap {step}: de ademfrequentie moet tussen {min} en {max} per minuut liggen (gegeven: {got})',
  'resonanceProtocol.stepPacer': 'stap {step} ({rate, number} ademhalingen per minuut): {cause}',
  'resonanceProtocol.pacer': '{cause}',
  'resonanceProtocol.tooShort': 'stappen van {step} s met {settle} s inlooptijd laten {len} s over om te analyseren bij {rate} ademhalingen per minuut (minstens {min} s aan hele ademhalingen na de inlooptijd nodig: maak de stappen langer of de inlooptijd korter)',
  'runFile.tooLarge': '{file} is te groot voor een loopbestand (meer dan {mb} MB); er is niets geïmporteerd.',
  'runFile.unknownFormat': '{file} is geen FIT-, TCX- of GPX-bestand (kies een .fit-, .tcx- of .gpx-bestand); er is niets geïmporteerd.',
  'runFile.notFit': '{file} is geen FIT-bestand (de kop mist ".FIT"); er is niets geïmporteerd.',
  'runFile.truncated': '{file} is afgekapt (onvolledig gekopieerd of gedownload); er is niets geïmporteerd.',
  'runFile.corrupt': '{file} is beschadigd ({detail}); er is niets geïmporteerd.',
  'runFile.noPoints': '{file} bevat geen meetpunten met tijd (hartslag, snelheid of cadans); er is niets geïmporteerd.',
  'runFile.tooLong': '{file} beslaat meer dan {hours} uur of {points} meetpunten; dat is geen looptraining, er is niets geïmporteerd.',
  'runFile.alreadyImported': 'Deze loop ({file}) is al geïmporteerd als sessie {sessionId} van deze cliënt; er is niets opnieuw geïmporteerd.',
  'runFile.unreadable': '{file} kan niet worden gelezen ({detail, select, notAFile {het is geen bestand} notFound {het bestand bestaat niet} permission {geen toestemming} other {{detail}}}); er is niets geïmporteerd.',
};

export type ErrorCode = keyof typeof errorsNl;
