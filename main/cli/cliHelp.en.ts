/**
 * English --help texts of the CLI (keys: cliHelp.nl.ts, type-checked): per command its usage line
 * (`usage.<command>`, also quoted in usage errors) and summary (`help.<command>`), and the overview
 * of `cadans --help`. ICU templates: a literal `{…}` (a JSON shape) is quoted as '{…}'. Option names
 * and JSON field names are contracts and the same in both languages.
 */
import type { SameKeys } from '../../shared/i18n/catalogue.js';
import type { cliHelpNl } from './cliHelp.nl.js';

const table = {
  'help.overview': 'cadans — HRV biofeedback workstation (headless commands)\n\nUsage: cadans <command> [options]\n\nCommands:\n{commands}\n\nRun `cadans <command> --help` for the options of a command.',
  'usage.analyze': 'cadans analyze <file> [--fs <Hz>] [--format auto|ppg-csv|rr] [--json]',
  'help.analyze': 'Analyse a recording: beats, artifact-corrected NN intervals, HRV, coherence and breathing rate. With --json, prints exactly one JSON object on stdout.',
  'usage.sensors': 'cadans sensors [--json] [--ble-seconds <s>]',
  'help.sensors':
    'List the sensors that can be connected (serial ports, Bluetooth heart-rate sensors, the simulator) with the spec to pass to --sensor. --ble-seconds sets the Bluetooth scan time (default 3, 0 = no scan). With --json, prints exactly one object: \'{ "serial": [{ path, manufacturer?, vendorId?, productId?, guess?: { protocol, reason }, spec }], "ble": [{ id, name, rssi, spec }], "sim": [{ spec, label }], "messages": [why a list is empty or incomplete] }\'.',
  'usage.monitor': 'cadans monitor --sensor <spec> [--seconds <n>] [--json] [--beats]',
  'help.monitor':
    'Connect a sensor (sim[:…], serial:<path>[?protocol=…], ble[:<name-or-id>], file:<path>[?speed=N]) and monitor heart rate and signal quality live. --seconds counts signal time. With --json, prints exactly one JSON object at the end: durationSec, beats, meanHrBpm, rmssdMs, gaps, qualityPct, sensor. With --beats, one JSON object per line as the stream runs: \'{"type":"beat",tSec,ibiMs,provisional,emittedAtMs}\' when a beat is first known, \'{"type":"revise",tSec,newTSec}\' when a provisional beat moves or is withdrawn (newTSec null), the summary last with "type":"summary".',
  'usage.record':
    'cadans record --sensor <spec> [--client <name|id>] [--sensor <spec> --client <name|id>]... [--seconds N] [--pacer <bpm>[:<in>-<out>]] [--db FILE] [--overflow-dir DIR] [--lang en|nl] [--json]',
  'help.record':
    "Record a session from a sensor (sim[:key=value,…], serial:…, ble[:…], file:…) for --seconds of signal or until Ctrl+C / SIGTERM, for a client (a new name is created; default Anonymous), optionally with a breathing pacer. With --json, prints exactly '{sessionId, durationSec, samples, beats, meanHrBpm, status}'. Repeated --sensor/--client pairs record a GROUP session: every client breathes with the one pacer and gets a session of their own (simulators get different seeds unless given); --json then prints '{groupId, sessions: [{sessionId, clientId, durationSec, samples, beats, meanHrBpm, status}]}' in the order of the pairs. A sensor that drops out reconnects and leaves only its client's session a gap. When the disk is full the recording goes on: what cannot be saved is kept in memory (up to 30 min) and saved as soon as there is room; stopping then waits for room, or — with --overflow-dir DIR (a folder on another disk) — saves the whole session there after 5 s as a database of its own (a second Ctrl+C: at once; without --overflow-dir a second Ctrl+C gives the unsaved part up). --lang nl prints these messages in Dutch.",
  'usage.clients': 'cadans clients [--db FILE] [--json]',
  'help.clients': 'List the clients with their number of sessions and latest session. With --json, prints one JSON array.',
  'usage.sessions': 'cadans sessions [--client <name|id>] [--db FILE] [--json]',
  'help.sessions':
    "List sessions (of one client with --client), oldest first, with status, duration of the stored signal and counts. With --json, prints one JSON array of '{id, clientId, type, startedAt, durationSec, status, samples, beats}' (and groupId for a client's session in a group session).",
  'usage.export': 'cadans export <sessionId> --format csv|rr|json|edf|zip [--out FILE] [--anonymise] [--db FILE]',
  'help.export':
    'Export a session: csv = raw samples (time,ppg; seconds from the session start), rr = NN intervals in ms one per line (as Kubios imports them), json = everything about the session, edf = EDF+C with the PPG channel and an annotations signal (markers, gaps, pacer changes; --anonymise writes the patient as X X X X and leaves marker notes out), zip = csv, rr and json with the session report (PDF in the language of the command, printed with headless Chromium) and a README, for a colleague. Writes to stdout unless --out is given; an existing --out file is never overwritten.',
  'usage.report':
    'cadans report <sessionId> --out FILE.pdf|.html [--lang nl|en] [--db FILE] [--force] | cadans report --client <name|id> --progress [--course <id>] --out FILE.pdf|.html [--lang nl|en] [--db FILE] [--force] | cadans report --group <id> [--names] --out FILE.pdf|.html [--lang nl|en] [--db FILE] [--force]',
  'help.report':
    "Write a session report (one session) or a progress report (--client <name|id> --progress; a name shared by several clients is refused: give the id) as .html (self-contained, no network) or .pdf (printed with headless Chromium). --lang nl (default) or en. Numbers come from the offline analysis of the stored signal (as `cadans analyze`). --tz ZONE sets the time zone of times of day (default: the system's). With --group <id>: the group summary of a group session (per participant: time in medium/high coherence, mean heart rate, signal quality), anonymised (\"Participant 1…\") unless --names (the therapist's version). An existing --out file is not overwritten unless --force.",
  'usage.backup': 'cadans backup --out FILE [--db FILE]',
  'help.backup':
    'Back up the database into a new file (also while Cadans is recording). Every signal chunk is checked against the checksum taken when it was recorded (a damaged database is refused) and the checksum of the whole backup is recorded in it, for restore. An existing file is never overwritten, not even one created during the backup.',
  'usage.restore': 'cadans restore FILE [--db FILE]',
  'help.restore':
    'Restore the database from a backup file. A cut-off, damaged, changed (checksums) or foreign file is refused and the current database is left unchanged; so is a --db that is a folder or not a Cadans database. The database is replaced in one atomic step (never a moment without one); the replaced database is kept as <db>.before-restore-<time>.',
  'usage.web': 'cadans web [--port N] [--sensor <spec>] [--db FILE] [--ble-scan-ms N]',
  'help.web':
    'Serve the Cadans UI on 127.0.0.1 for a browser. Prints the URL to open (with its access token) as the first line. --port 0 picks a free port; --sensor connects a sensor at start (e.g. sim, sim:speed=10); --db chooses the database; --ble-scan-ms sets the Bluetooth scan time of the sensor list (0 = no scan).',
  'usage.resonance':
    'cadans resonance --sensor <spec> [--steps 6.5,6,5.5,5,4.5] [--step-seconds 120] [--settle-seconds 30] [--rest-seconds 0] [--ratio 4-6] [--sliding] [--json] [--lang en|nl] [--client <name|id>] [--db FILE]',
  'help.resonance':
    "Resonance-frequency assessment: paces the client through 6.5, 6, 5.5, 5, 4.5 breaths/min (2 min each by default; --sliding: 6.75 → 4.25 over 78 breaths), scores each step on phase synchrony, HR peak-to-trough, LF power, LF peak, smoothness and the number of LF peaks (Shaffer & Meehan 2020) and recommends a rate. Seconds are signal time. With --json one object '{kind, steps, recommendation: {rateBpm, ranking, reason, flags}, settings, sessionId, status, sensor}'. With --db/--client the run is stored as a session of type resonance.",
  'usage.access-log': 'cadans access-log [--client <name|id>] [--verify] [--db FILE] [--json]',
  'help.access-log':
    'The access log of client records (NEN 7513): time, action (open, create, edit, export, report, record, import), client, session, OS user and workstation, oldest first; --client for one client; --verify checks the hash chain (exit 1 when broken).',
  'usage.prescribe':
    'cadans prescribe --client <name|id> --rate <bpm> [--ratio <in>:<out>] [--hold-in <s>] [--hold-out <s>] --minutes <n> [--times-per-day <n>] --out <dir> [--lang nl|en] [--db FILE] [--json]',
  'help.prescribe':
    "Prescribe home practice: --rate breaths/min (3–12), --ratio in:out (default 1:1), --hold-in/--hold-out seconds (default 0), --minutes per practice (1–60), --times-per-day (default 2). Stores the prescription and writes handout.pdf (one A4 page with a QR code of the settings; --lang nl (default) or en) and pacer.wav (a tone that swells on the in-breath and fades on the out-breath, exactly the prescribed number of breaths) into --out DIR (created when missing; existing files are never overwritten). With --json, prints exactly '{\"prescriptionId\": n, \"files\": {\"handout\": path, \"audio\": path}}'.",
  'usage.encrypt': 'CADANS_PASSPHRASE=… cadans encrypt [--db FILE]',
  'help.encrypt':
    'Encrypt the database with the passphrase in CADANS_PASSPHRASE (SQLCipher, key derived with scrypt). The database is converted through a checked copy beside it (integrity and row counts) that replaces it in one atomic step; refused while a recording runs or the database is open. Keep the passphrase safe: without it the records cannot be read. Afterwards every command, the web host and the app need CADANS_PASSPHRASE.',
  'usage.decrypt': 'CADANS_PASSPHRASE=… cadans decrypt [--db FILE]',
  'help.decrypt':
    'Decrypt the database (opened with the passphrase in CADANS_PASSPHRASE) into a plaintext database, through a checked copy that replaces it in one atomic step; refused while a recording runs or the database is open.',
  'usage.import-run': 'cadans import-run <file.fit|.tcx|.gpx> --client <name|id> [--db FILE] [--json]',
  'help.import-run':
    "Import a run from a sport-watch file (FIT, TCX or GPX with heart rate) as a run session of --client (name or id): run and walk blocks from cadence and speed (and laps), longest continuous run, mean heart rate, heart-rate recovery (HRR60/HRR120) after the last run block, and time in the client''s Karvonen zones. With --json, prints exactly '{\"sessionId\": n, \"durationSec\": n, \"blocks\": [{\"kind\": \"run\"|\"walk\", \"startSec\": n, \"endSec\": n}], \"longestRunSec\": n, \"meanHrBpm\": n|null, \"hrr60Bpm\": n|null}'.",
  'usage.practice': 'cadans practice init|status|push|restrict [--db FILE] [--json] [--batch N] [--client C --therapist ROLE… | --clear]',
  'help.practice':
    'Practice mode: records shared through the PostgreSQL server in CADANS_PRACTICE_DB (postgres://user@host:port/db). init creates or upgrades the schema on the server; status shows whether the server is reachable, what waits to be sent and the last sync (--json); push sends what waits now and takes in what other workstations wrote (exit 1 while anything still waits; --batch N changes per server transaction, default 1000). restrict --client <name|id|uuid> --therapist ROLE… limits a client to the named therapists (their PostgreSQL roles) (enforced by the server: other therapists never receive the records of that client and their changes to them are refused: parked on their workstation, shown by status, the rest still sent, and tried again when rights change or on the next push); --clear lifts it. Only the practice owner may restrict (also from the client record in the app).',
};

export const cliHelpEn: Readonly<SameKeys<typeof cliHelpNl, typeof table>> = table;
