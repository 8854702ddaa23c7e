/**
 * Dutch --help texts of the CLI: per command its usage line (`usage.<command>`, also quoted in
 * usage errors) and summary (`help.<command>`), and the overview of `cadans --help`. The source of
 * the keys; cliHelp.en.ts must have the same ones. ICU templates: a literal `{…}` (a JSON shape) is
 * quoted as '{…}'. Option names and JSON field names are contracts: the same in both languages.
 */
const table = {
  'help.overview': 'cadans — werkstation voor HRV-biofeedback (opdrachten zonder venster)\n\nGebruik: cadans <opdracht> [opties]\n\nOpdrachten:\n{commands}\n\nZie `cadans <opdracht> --help` voor de opties van een opdracht.',
  'usage.analyze': 'cadans analyze <bestand> [--fs <Hz>] [--format auto|ppg-csv|rr] [--json]',
  'help.analyze': 'Analyseer een opname: slagen, voor artefacten gecorrigeerde NN-intervallen, HRV, coherentie en ademfrequentie. Met --json komt er precies één JSON-object op stdout.',
  'usage.sensors': 'cadans sensors [--json] [--ble-seconds <s>]',
  'help.sensors':
    'Toon de sensoren die aangesloten kunnen worden (seriële poorten, Bluetooth-hartslagsensoren, de simulator) met de spec voor --sensor. --ble-seconds is de zoektijd voor Bluetooth (standaard 3, 0 = niet zoeken). Met --json precies één object: \'{ "serial": [{ path, manufacturer?, vendorId?, productId?, guess?: { protocol, reason }, spec }], "ble": [{ id, name, rssi, spec }], "sim": [{ spec, label }], "messages": [waarom een lijst leeg of onvolledig is] }\'.',
  'usage.monitor': 'cadans monitor --sensor <spec> [--seconds <n>] [--json] [--beats]',
  'help.monitor':
    'Verbind een sensor (sim[:…], serial:<pad>[?protocol=…], ble[:<naam-of-id>], file:<pad>[?speed=N]) en volg hartslag en signaalkwaliteit live. --seconds telt signaaltijd. Met --json aan het eind precies één JSON-object: durationSec, beats, meanHrBpm, rmssdMs, gaps, qualityPct, sensor. Met --beats één JSON-object per regel terwijl de stroom loopt: \'{"type":"beat",tSec,ibiMs,provisional,emittedAtMs}\' zodra een slag bekend is, \'{"type":"revise",tSec,newTSec}\' wanneer een voorlopige slag verschuift of vervalt (newTSec null), en de samenvatting als laatste met "type":"summary".',
  'usage.record':
    'cadans record --sensor <spec> [--client <naam|id>] [--sensor <spec> --client <naam|id>]... [--seconds N] [--pacer <ademhalingen/min>[:<in>-<uit>]] [--db BESTAND] [--overflow-dir MAP] [--lang en|nl] [--json]',
  'help.record':
    "Neem een sessie op van een sensor (sim[:sleutel=waarde,…], serial:…, ble[:…], file:…) gedurende --seconds signaaltijd of tot Ctrl+C / SIGTERM, voor een cliënt (een nieuwe naam wordt aangemaakt; standaard Anonymous), desgewenst met een ademhalingspacer. Met --json precies '{sessionId, durationSec, samples, beats, meanHrBpm, status}'. Herhaalde paren --sensor/--client nemen een GROEPSSESSIE op: iedere cliënt ademt met dezelfde pacer en krijgt een eigen sessie (simulatoren krijgen verschillende seeds, tenzij opgegeven); --json geeft dan '{groupId, sessions: [{sessionId, clientId, durationSec, samples, beats, meanHrBpm, status}]}' in de volgorde van de paren. Een sensor die wegvalt, verbindt opnieuw en laat alleen in de sessie van zijn cliënt een gat. Is de schijf vol, dan gaat de opname door: wat niet bewaard kan worden, blijft in het geheugen (tot 30 min) en wordt bewaard zodra er ruimte is; stoppen wacht dan op ruimte, of bewaart — met --overflow-dir MAP (een map op een andere schijf) — na 5 s de hele sessie daar als eigen database (een tweede Ctrl+C: meteen; zonder --overflow-dir geeft een tweede Ctrl+C het niet-bewaarde deel op). --lang nl toont deze meldingen in het Nederlands.",
  'usage.clients': 'cadans clients [--db BESTAND] [--json]',
  'help.clients': 'Toon de cliënten met hun aantal sessies en laatste sessie. Met --json één JSON-array.',
  'usage.sessions': 'cadans sessions [--client <naam|id>] [--db BESTAND] [--json]',
  'help.sessions':
    "Toon sessies (van één cliënt met --client), oudste eerst, met status, duur van het bewaarde signaal en aantallen. Met --json één JSON-array van '{id, clientId, type, startedAt, durationSec, status, samples, beats}' (en groupId voor de sessie van een cliënt in een groepssessie).",
  'usage.export': 'cadans export <sessie-id> --format csv|rr|json|edf|zip [--out BESTAND] [--anonymise] [--db BESTAND]',
  'help.export':
    'Exporteer een sessie: csv = ruwe samples (time,ppg; seconden vanaf het begin van de sessie), rr = NN-intervallen in ms, één per regel (zoals Kubios ze inleest), json = alles over de sessie, edf = EDF+C met het PPG-kanaal en een annotatiesignaal (markeringen, gaten, pacerwijzigingen; --anonymise schrijft de patiënt als X X X X en laat de notities bij markeringen weg), zip = csv, rr en json met het sessierapport (pdf in de taal van de opdrachtregel, afgedrukt met Chromium zonder venster) en een LEESMIJ, voor een collega. Schrijft naar stdout, tenzij --out is gegeven; een bestaand --out-bestand wordt nooit overschreven.',
  'usage.report':
    'cadans report <sessie-id> --out BESTAND.pdf|.html [--lang nl|en] [--db BESTAND] [--force] | cadans report --client <naam|id> --progress [--course <id>] --out BESTAND.pdf|.html [--lang nl|en] [--db BESTAND] [--force] | cadans report --group <id> [--names] --out BESTAND.pdf|.html [--lang nl|en] [--db BESTAND] [--force]',
  'help.report':
    'Schrijf een sessierapport (één sessie) of een voortgangsrapport (--client <naam|id> --progress; een naam die meer cliënten delen wordt geweigerd: geef dan het id) als .html (op zichzelf staand, geen netwerk) of .pdf (afgedrukt met Chromium zonder venster). --lang nl (standaard) of en. De getallen komen uit de offline analyse van het bewaarde signaal (zoals `cadans analyze`). --tz ZONE kiest de tijdzone van kloktijden (standaard die van het systeem). Met --group <id>: het groepsoverzicht van een groepssessie (per deelnemer: tijd in gemiddelde/hoge coherentie, gemiddelde hartslag, signaalkwaliteit), geanonimiseerd (\"Deelnemer 1…\") tenzij --names (de versie voor de therapeut). Een bestaand --out-bestand wordt alleen met --force overschreven.',
  'usage.backup': 'cadans backup --out BESTAND [--db BESTAND]',
  'help.backup':
    'Maak een back-up van de database in een nieuw bestand (ook terwijl Cadans opneemt). Elk signaalblok wordt gecontroleerd met de controlesom van bij de opname (een beschadigde database wordt geweigerd) en de controlesom van de hele back-up wordt erin vastgelegd, voor het terugzetten. Een bestaand bestand wordt nooit overschreven, ook niet een dat tijdens de back-up ontstaat.',
  'usage.restore': 'cadans restore BESTAND [--db BESTAND]',
  'help.restore':
    'Zet de database terug uit een back-upbestand. Een afgebroken, beschadigd, veranderd (controlesommen) of vreemd bestand wordt geweigerd en de huidige database blijft ongewijzigd; net zo bij een --db die een map is of geen Cadans-database. De database wordt in één ondeelbare stap vervangen (nooit een moment zonder); de vervangen database blijft bewaard als <db>.before-restore-<tijd>.',
  'usage.web': 'cadans web [--port N] [--sensor <spec>] [--db BESTAND] [--ble-scan-ms N]',
  'help.web':
    'Bied de Cadans-interface aan op 127.0.0.1 voor een browser. De eerste regel is de te openen URL (met toegangssleutel). --port 0 kiest een vrije poort; --sensor verbindt bij de start een sensor (bijv. sim, sim:speed=10); --db kiest de database; --ble-scan-ms is de Bluetooth-zoektijd van de sensorlijst (0 = niet zoeken).',
  'usage.resonance':
    'cadans resonance --sensor <spec> [--steps 6.5,6,5.5,5,4.5] [--step-seconds 120] [--settle-seconds 30] [--rest-seconds 0] [--ratio 4-6] [--sliding] [--json] [--lang en|nl] [--client <naam|id>] [--db BESTAND]',
  'help.resonance':
    "Resonantiefrequentiemeting: laat de cliënt ademen op 6,5, 6, 5,5, 5 en 4,5 ademhalingen/min (standaard elk 2 min; --sliding: van 6,75 naar 4,25 in 78 ademhalingen), beoordeelt elke stap op fasesynchronie, hartslagverschil piek-dal, LF-vermogen, LF-piek, gelijkmatigheid en het aantal LF-pieken (Shaffer & Meehan 2020) en beveelt een frequentie aan. Seconden zijn signaaltijd. Met --json één object '{kind, steps, recommendation: {rateBpm, ranking, reason, flags}, settings, sessionId, status, sensor}'. Met --db/--client wordt de meting bewaard als sessie van het type resonance.",
  'usage.access-log': 'cadans access-log [--client <naam|id>] [--verify] [--db BESTAND] [--json]',
  'help.access-log':
    'De toegangslog van cliëntdossiers (NEN 7513): tijd, handeling (open, create, edit, export, report, record, import), cliënt, sessie, gebruiker en werkplek, oudste eerst; --client voor één cliënt; --verify controleert de hashketen (afsluitcode 1 als die gebroken is).',
  'usage.prescribe':
    'cadans prescribe --client <naam|id> --rate <ademhalingen/min> [--ratio <in>:<uit>] [--hold-in <s>] [--hold-out <s>] --minutes <n> [--times-per-day <n>] --out <map> [--lang nl|en] [--db BESTAND] [--json]',
  'help.prescribe':
    "Schrijf thuisoefening voor: --rate ademhalingen/min (3–12), --ratio in:uit (standaard 1:1), --hold-in/--hold-out seconden (standaard 0), --minutes per oefening (1–60), --times-per-day (standaard 2). Bewaart het voorschrift en schrijft handout.pdf (één A4-pagina met een QR-code van de instellingen; --lang nl (standaard) of en) en pacer.wav (een toon die aanzwelt bij het inademen en wegebt bij het uitademen, precies het voorgeschreven aantal ademhalingen) in --out MAP (aangemaakt als die ontbreekt; bestaande bestanden worden nooit overschreven). Met --json precies '{\"prescriptionId\": n, \"files\": {\"handout\": pad, \"audio\": pad}}'.",
  'usage.encrypt': 'CADANS_PASSPHRASE=… cadans encrypt [--db BESTAND]',
  'help.encrypt':
    'Versleutel de database met het wachtwoord in CADANS_PASSPHRASE (SQLCipher, sleutel afgeleid met scrypt). De database wordt omgezet via een gecontroleerde kopie ernaast (integriteit en aantallen rijen) die hem in één ondeelbare stap vervangt; geweigerd zolang er een opname loopt of de database open is. Bewaar het wachtwoord goed: zonder is het dossier onleesbaar. Daarna hebben alle opdrachten, de webhost en de app CADANS_PASSPHRASE nodig.',
  'usage.decrypt': 'CADANS_PASSPHRASE=… cadans decrypt [--db BESTAND]',
  'help.decrypt':
    'Ontsleutel de database (geopend met het wachtwoord in CADANS_PASSPHRASE) tot een onversleutelde database, via een gecontroleerde kopie die hem in één ondeelbare stap vervangt; geweigerd zolang er een opname loopt of de database open is.',
  'usage.import-run': 'cadans import-run <bestand.fit|.tcx|.gpx> --client <naam|id> [--db BESTAND] [--json]',
  'help.import-run':
    "Importeer een loop uit een sporthorlogebestand (FIT, TCX of GPX met hartslag) als loopsessie van --client (naam of id): loop- en wandelblokken uit cadans en snelheid (en ronden), langste aaneengesloten loop, gemiddelde hartslag, hartslagherstel (HRR60/HRR120) na het laatste loopblok, en tijd in de Karvonen-zones van de cliënt. Met --json precies '{\"sessionId\": n, \"durationSec\": n, \"blocks\": [{\"kind\": \"run\"|\"walk\", \"startSec\": n, \"endSec\": n}], \"longestRunSec\": n, \"meanHrBpm\": n|null, \"hrr60Bpm\": n|null}'.",
  'usage.practice': 'cadans practice init|status|push|restrict [--db BESTAND] [--json] [--batch N] [--client C --therapist ROL… | --clear]',
  'help.practice':
    'Praktijkmodus: dossiers gedeeld via de PostgreSQL-server in CADANS_PRACTICE_DB (postgres://gebruiker@host:poort/database). init richt het schema op de server in of werkt het bij; status toont of de server bereikbaar is, wat nog verstuurd moet worden en wanneer voor het laatst is bijgewerkt (--json); push verstuurt nu wat wacht en haalt op wat andere werkplekken schreven (exit 1 zolang er nog iets wacht; --batch N wijzigingen per servertransactie, standaard 1000). restrict --client <naam|id|uuid> --therapist ROL… schermt een cliënt af voor alle therapeuten behalve de genoemde PostgreSQL-rollen (de server dwingt dit af: andere therapeuten krijgen de gegevens van die cliënt nooit binnen en hun wijzigingen eraan worden geweigerd: ze blijven geparkeerd op hun werkplek, status toont ze, de rest wordt gewoon verstuurd, en ze worden opnieuw geprobeerd als de rechten veranderen of bij de volgende push); --clear heft dat op. Alleen de praktijkhouder mag afschermen (ook vanuit het dossier in de app).',
};

export type CliHelpKey = keyof typeof table;
export const cliHelpNl: Readonly<Record<CliHelpKey, string>> = table;
