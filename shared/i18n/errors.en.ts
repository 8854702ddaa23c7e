/** English texts of the coded errors and notices (keys: errors.nl.ts). Also the fallback message in logs. */
import type { SameKeys } from './catalogue.js';
import type { errorsNl } from './errors.nl.js';

import { appErrorsEn } from './appErrors.en.js';
import { practiceErrorsEn } from './practiceErrors.en.js';
import { ioTextsEn } from './ioTexts.en.js';

const table = {
  ...practiceErrorsEn,
  ...appErrorsEn,
  ...ioTextsEn,
  'error.unknown': '{detail}',
  'error.invalidCall': 'The app made a call the Cadans core does not accept ({detail}).',
  'error.linkLost': 'lost the connection to the Cadans core',
  'sensor.noneConnected': 'connect a sensor first',
  'sensor.notConnected': 'sensor channel {channel} is not connected',
  'sensor.inUse': 'stop the session before disconnecting its sensor',
  'sensor.unknown': 'unknown sensor: choose one from the sensor list',
  'sensor.portNotListed': 'refused: that serial port is not in the sensor list; search for sensors and choose it from the list',
  'sensor.unknownReplay': 'unknown replay file: choose the file again with "Replay file…"',
  'sensor.replayDesktopOnly': 'Replay files are chosen in the desktop app.',
  'sensor.bluetoothUnavailable': 'Bluetooth is not available on this computer; serial sensors and the simulator still work.',
  'sensor.bluetoothScanSkipped': 'Bluetooth was not searched.',
  'sensor.serialListFailed': 'The serial ports could not be listed ({detail}).',
  'sensor.listNote': '{detail}',
  // Bluetooth heart-rate sensors (native-adapters/sensors/bleSource.ts, nobleSession.ts, polarPpgStream.ts).
  'ble.noNoble': 'Bluetooth support is unavailable: cannot load @abandonware/noble ({detail})',
  'ble.adapter':
    '{state, select, poweredOff {Bluetooth is switched off — switch it on in the system settings} unauthorized {{platform, select, linux {no permission to use Bluetooth — run once: sudo setcap cap_net_raw+eip $(readlink -f {execPath}) (the real node or electron binary)} darwin {no permission to use Bluetooth — allow it for Cadans in System Settings › Privacy & Security › Bluetooth} other {no permission to use Bluetooth}}} unsupported {this Bluetooth adapter does not support Bluetooth Low Energy} resetting {the Bluetooth adapter is resetting} other {no Bluetooth adapter found}}{warning, select, none {} other { ({warning})}}',
  'ble.scanFailed': 'cannot start Bluetooth scanning: {detail}',
  'ble.notFound':
    "{which, select, id {no sensor {sensor}} name {no sensor ''{sensor}''} other {no heart-rate sensor}} found within {seconds} s — is it switched on, worn, and not connected to a phone?",
  'ble.timeout':
    '{step, select, connect {connecting to {device} timed out after {seconds} s} discover {discovering the services of {device} timed out} other {subscribing to heart rate on {device} timed out}}',
  'ble.noHeartRate': '{device} has no Heart Rate Measurement characteristic (0x2A37)',
  'ble.noPmd':
    "{device} has no Polar PMD service, so no {stream, select, ppg {PPG; use ''ble'' without ppg=1 for heart rate and RR only} other {PPI; use ''ble'' without ppi=1}}",
  'ble.noPolarStream':
    "{device} gives no Polar {stream, select, ppg {PPG} other {PPI}} ({why, select, notOffered {not offered by the sensor} other {{reason}}}); use ''ble'' without {stream, select, ppg {ppg=1 for heart rate and RR only} other {ppi=1}}",
  'serial.notFound': 'cannot open {port}: the port does not exist (is the sensor plugged in?)',
  'serial.permission': "cannot open {port}: permission denied (on Linux add your user to the 'dialout' group and log in again)",
  'serial.busy': 'cannot open {port}: the port is in use by another program',
  'serial.deviceGone': 'cannot open {port}: the device does not respond (did the sensor come loose? plug it in again)',
  'serial.badSetting': 'cannot open {port}: the port does not accept this setting (check the baud rate in the sensor spec)',
  'serial.openFailed': 'cannot open {port}: the operating system reports an unexpected error (technical detail: {detail})',
  'serial.notRecognised': 'no pulse sensor recognised on {port}: {detail}',
  'run.noBlocks': 'this client has no run programme with a next session: type the blocks of the session in',
  'run.badBlocks': 'the blocks of the run session are not right: {detail}',
  'run.notRunning': 'there is no run session',
  'run.notRunBlock': 'block {block} is no run block: the Borg rating belongs to a run block',
  'serial.sketchFailed': "the PulseSensor sketch on {port} ({baud} baud) prints '!': PulseSensor.begin() failed (board not supported by the library?)",
  'serial.noData': 'no data from {port} at any baud rate — is the sensor switched on and sending?',
  'serial.noProtocol': 'no known pulse sensor protocol recognised on {port}',
  'serial.noProtocolBest': 'no known pulse sensor protocol recognised on {port} (best: {protocol} at {baud} baud, {readings} readings, {pct}% unreadable)',
  'session.alreadyRunning': 'a session is already running; stop it first',
  'session.notRunning': '{action, select, stop {there is no session to stop} pause {there is no session to pause} resume {there is no session to resume} other {there is no session to {action}}}',
  'session.resumeBeforePacer': 'resume the session before changing the pacer',
  'session.groupTooSmall': 'a group session needs at least 2 clients, each with their own sensor',
  'session.groupSameSensor': 'sensor {channel} is given to more than one client: every client needs their own sensor',
  'session.groupSameClient': 'client {clientId} is in the group more than once',
  'session.notInGroup': 'client {clientId} is not in the running session',
  'storage.unavailable': 'The database cannot be used right now ({detail}).',
  // The English sentence of a database file problem is written where it is found (more detail); Dutch per problem.
  'storage.file': '{detail}',
  'storage.diskFull': 'The disk is full: {seconds, plural, one {# second} other {# seconds}} of session {sessionId} could not be saved.',
  'report.noPrinter': 'no PDF printer configured',
  'report.failed': 'The report could not be made ({detail}).',
  'report.tooLarge': 'Session {sessionId} is too large to export from the app (over {mb} MB); use cadans export.',
  'resonance.alreadyRunning': 'a resonance assessment is already running; stop or cancel it first',
  'resonance.notRunning': 'no resonance assessment is running',
  'resonance.none': 'session {sessionId} has no resonance assessment',
  // Requests to the resonance assessment that do not have the right shape (main/app/resonanceService.ts; the contract's schemas usually refuse them first).
  'resonance.settingsNotObject': 'resonance settings must be an object',
  'resonance.unknownSettings': 'unknown resonance {count, plural, one {setting} other {settings}}: {settings} (known: {known})',
  'resonance.noRequest': '{call} needs a request object',
  'resonance.badClientId': 'clientId must be a positive whole number (got {got})',
  'resonance.badVariant': "variant must be one of {variants} (got ''{got}'')",
  'resonance.badSessionId': 'sessionId must be a positive whole number (got {got})',
  'resonance.badOverrideRate': 'rateBpm must be a number of breaths/min or null (got {got})',
  'lock.locked': 'the console is locked: unlock it first',
  'lock.wrongPassphrase': 'wrong passphrase: the console stays locked',
  'lock.afterRange': 'lock after: a whole number of minutes from 0 (never) to {max}',
  // A PPG recording that cannot be analysed (shared/dsp/analyzePpg.ts: AnalysisInputError); {rate} is where the
  // sample rate came from: fs = --fs or the time column (cadans analyze), sensor = a stored session.
  'analysis.rateUnsupported': 'sample rate {fs, number, ::.###### group-off} Hz is not supported (20–2000 Hz)',
  'analysis.tooShort': 'only {sec, number, ::.0 group-off} s of signal at {fs, number, ::.###### group-off} Hz; at least {min} s is needed',
  'analysis.flat': 'the signal is a flat line (every sample has the same value): no pulse to analyse',
  'analysis.noUsablePulse':
    'no usable pulse found: {usable, number, ::.0 group-off} s usable of {duration, number, ::.0 group-off} s at {fs, number, ::.###### group-off} Hz{median, select, none {} other { (median interval {median, number, ::.00 group-off} s)}}{rate, select, fs {; check the signal column and --fs} other {}}',
  'analysis.noPulseBand':
    "no pulse in the heart-rate band at {fs, number, ::.###### group-off} Hz (the pulses found are {pct} % of the signal's range): is the sample rate{rate, select, fs { (--fs)} other {}} right?",
  'analysis.implausibleRate': 'implausible heart rate ({bpm, number, ::group-off} bpm) at {fs, number, ::.###### group-off} Hz: is the sample rate{rate, select, fs { (--fs)} other {}} right?',
  // A PPG CSV that cannot be read (shared/io/ppgCsv.ts); a column is named by `column` in English, `columnNl` in Dutch.
  'csv.empty': 'empty file',
  'csv.noHeader': 'no header row: the first line holds numbers; the file must start with column names such as time,ppg',
  'csv.headerOnly': 'fewer than 2 data rows: the file has a header but no data',
  'csv.badFs': 'invalid sampling rate --fs {fs}: give a positive number of Hz',
  'csv.noTimeColumn': 'no time column (time, t or timestamp) in {columns}: give the sampling rate (--fs)',
  'csv.noColumn': 'no column "{asked}" (columns: {columns})',
  'csv.noNumericColumn': 'no numeric column besides the time column (columns: {columns})',
  'csv.timeIsSignal': '{column} is the time column, not a signal',
  'csv.tooFewRows': 'fewer than 2 data rows (found {found})',
  'csv.noNumbers': '{column} holds no numbers',
  'csv.tooFewTimedRows': 'fewer than 2 data rows with a valid time (found {found})',
  'csv.timeNotIncreasing': 'time is not increasing at data row {row} ({t, number, ::.###### group-off} s after {prev, number, ::.###### group-off} s)',
  'csv.timeUnit': 'the time column gives {hz, number, ::@@@ group-off} Hz: is {column} in seconds?',
  'csv.fsDisagrees': '--fs {fs} disagrees with the time column ({hz, number, ::.0 group-off} Hz)',
  'csv.timeJump': 'the time column jumps by {sec, number, ::precision-integer group-off} s after {after, number, ::.###### group-off} s: not one continuous recording',
  // What was assumed or repaired reading a PPG CSV (shared/io/ppgCsv.ts; `cadans analyze` prints them as notes).
  'csvNote.guessedColumn': 'no column named ppg, pleth or signal: using {column}',
  'csvNote.rowsWithoutTime': '{count} {n, plural, one {row} other {rows}} without a valid time skipped',
  'csvNote.fsUsed': 'using --fs {fs} Hz (the time column gives {hz, number, ::.00 group-off} Hz)',
  'csvNote.gaps': '{count} {n, plural, one {gap} other {gaps}} in the time column ({shown, select, 1 {{from1, number, ::.00 group-off}–{to1, number, ::.00 group-off} s} 2 {{from1, number, ::.00 group-off}–{to1, number, ::.00 group-off} s, {from2, number, ::.00 group-off}–{to2, number, ::.00 group-off} s} other {{from1, number, ::.00 group-off}–{to1, number, ::.00 group-off} s, {from2, number, ::.00 group-off}–{to2, number, ::.00 group-off} s, {from3, number, ::.00 group-off}–{to3, number, ::.00 group-off} s}}{more, select, yes {, …} other {}}): {lost} missing samples filled with NaN',
  'csvNote.nanCells': '{count} of {total} cells in {column} are empty or not numbers (read as NaN){text, select, none {} other {, {text} of them text}}',
  // A recording file that cannot be read (native-adapters/files/readTextInput.ts).
  'file.notFound': 'no such file: {file}',
  'file.folder': '{file} is a folder, not a recording',
  'file.permission': 'cannot read {file}: permission denied',
  'file.tooLarge': '{file}: it is larger than {cap}, the most Cadans reads from one file (about ten hours of PPG at 250 Hz); split the recording',
  'file.binary': '{file}: it is not a text file (it holds binary data); Cadans reads PPG CSV and RR text files',
  'file.io': 'cannot read {file}: read error ({detail})',
  // A recording file that cannot be replayed as a sensor (`file:` spec; native-adapters/sensors/fileReplaySource.ts):
  // the file's own problem by `problem`, a CSV / RR-text problem as the coded `{cause}` (csv.*, rr.*).
  'replay.failed':
    'cannot replay {file}: {problem, select, notFound {no such file} folder {it is a folder, not a recording} permission {permission denied} tooLarge {it is larger than {cap}, the most Cadans reads from one file (about ten hours of PPG at 250 Hz); split the recording} binary {it is not a text file (it holds binary data); Cadans reads PPG CSV and RR text files} io {read error ({detail})} empty {the file is empty} noSamples {no samples} other {{cause}}}',
  // The csv.* problems that name the sampling rate, as a replayed file gets them: in a source spec the
  // option is ?fs= (file:recording.csv?fs=50), not --fs as for `cadans analyze`.
  'replayCsv.noTimeColumn': 'no time column (time, t or timestamp) in {columns}: give the sampling rate with ?fs= after the file name (for example file:recording.csv?fs=50)',
  'replayCsv.badFs': 'invalid sampling rate ?fs={fs}: give a positive number of Hz',
  'replayCsv.fsDisagrees': '?fs={fs} disagrees with the time column ({hz, number, ::.0 group-off} Hz): leave ?fs= out, the time column already gives the rate',
  // An RR-interval text that cannot be read (shared/io/rrText.ts).
  'rr.noNumbers': 'no numbers in the file',
  'rr.ppgColumn': 'not beat intervals: the file holds a PPG signal ({column}), not one interval per beat',
  'rr.noNumericColumn': 'no column of numbers in the file',
  'rr.sampled': 'not beat intervals: the time column steps by {stepMs, number, ::.###### group-off} ms, a sampled signal (PPG) rather than one row per beat',
  'rr.tooFew': 'only {found} {kind, select, positive {positive } plausible {plausible } other {}}intervals in the file (need at least {min})',
  'rr.implausible': 'implausible intervals (median {median} ms after reading them as {unit}): RR intervals lie between {min} and {max} ms',
  // Pacer settings that cannot be used (shared/pacer/pacerSettings.ts).
  'pacer.notObject': 'pacer settings must be an object',
  'pacer.rateNotNumber': 'rateBpm must be a finite number',
  'pacer.rateRange': 'rateBpm must be between {min, number} and {max} breaths/min (got {got})',
  'pacer.inhaleNotNumber': 'inhaleFraction must be a finite number',
  'pacer.inhaleRange': 'inhaleFraction must be between {min} and {max} (got {got}): the in-breath must take {minPct, number} to {maxPct, number} % of the breath',
  'pacer.hold': '{key} must be a number ≥ 0 (got {got})',
  'pacer.duration': 'durationSec must be a number > 0 (got {got})',
  'pacer.strokeTooShort':
    '{by, select, holds {holds leave too little time: inhale {inhale, number} s and exhale {exhale, number} s must each be at least {min, number} s within the {period, number} s breath} other {with this inhale:exhale ratio the in-breath lasts {inhale, number} s and the out-breath {exhale, number} s of the {period, number} s breath; each must last at least {min, number} s (choose a more even ratio or a slower rate)}}',
  // Resonance protocol settings that cannot be used (shared/dsp/resonance/resonanceProtocol.ts).
  'resonanceProtocol.slidingFixed': 'the sliding protocol is the fixed 6.75 → 4.25 breaths/min sweep; {settings} do not apply to it',
  'resonanceProtocol.notObject': 'resonance protocol settings must be an object',
  'resonanceProtocol.rates': 'give 2 to {max} breathing rates (got {got})',
  'resonanceProtocol.stepSec': 'step length must be a number of seconds > 0 (got {got})',
  'resonanceProtocol.settleSec': 'settling time must be a number of seconds ≥ 0 (got {got})',
  'resonanceProtocol.restSec': 'rest between steps must be a number of seconds ≥ 0 (got {got})',
  'resonanceProtocol.stepRate': 'step {step}: rateBpm must be between {min} and {max} breaths/min (got {got})',
  'resonanceProtocol.stepPacer': 'step {step} ({rate, number} breaths/min): {cause}',
  'resonanceProtocol.pacer': '{cause}',
  'resonanceProtocol.tooShort': 'steps of {step} s with {settle} s settling leave {len} s to analyse at {rate} breaths/min (need ≥ {min} s of whole breaths after settling: make the steps longer or the settling shorter)',
  'runFile.tooLarge': '{file} is too large for a run file (more than {mb} MB); nothing was imported',
  'runFile.unknownFormat': '{file} is not a FIT, TCX or GPX file (choose a .fit, .tcx or .gpx file); nothing was imported',
  'runFile.notFit': '{file} is not a FIT file (its header lacks ".FIT"); nothing was imported',
  'runFile.truncated': '{file} is truncated (incompletely copied or downloaded); nothing was imported',
  'runFile.corrupt': '{file} is damaged ({detail}); nothing was imported',
  'runFile.noPoints': '{file} has no time-stamped points (heart rate, speed or cadence); nothing was imported',
  'runFile.tooLong': '{file} spans more than {hours} hours or {points} points; that is not a training run, nothing was imported',
  'runFile.alreadyImported': 'this run ({file}) was already imported as session {sessionId} of this client; nothing was imported again',
  'runFile.unreadable': '{file} cannot be read ({detail, select, notAFile {not a file} notFound {no such file} permission {permission denied} other {{detail}}}); nothing was imported',
};

export const errorsEn: SameKeys<typeof errorsNl, typeof table> = table;
