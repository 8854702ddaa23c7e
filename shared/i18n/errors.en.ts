/** English texts of the coded errors and notices (keys: errors.nl.ts). Also the fallback message in logs. */
import type { SameKeys } from './catalogue.js';
import type { errorsNl } from './errors.nl.js';

const table = {
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
  'serial.notFound': 'cannot open {port}: the port does not exist (is the sensor plugged in?)',
  'serial.permission': "cannot open {port}: permission denied (on Linux add your user to the 'dialout' group and log in again)",
  'serial.busy': 'cannot open {port}: the port is in use by another program',
  'serial.deviceGone': 'cannot open {port}: the device does not respond (did the sensor come loose? plug it in again)',
  'serial.badSetting': 'cannot open {port}: the port does not accept this setting (check the baud rate in the sensor spec)',
  'serial.openFailed': 'cannot open {port}: {detail}',
  'serial.notRecognised': 'no pulse sensor recognised on {port}: {detail}',
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
  'lock.locked': 'the console is locked: unlock it first',
  'lock.wrongPassphrase': 'wrong passphrase: the console stays locked',
  'lock.afterRange': 'lock after: a whole number of minutes from 0 (never) to {max}',
};

export const errorsEn: SameKeys<typeof errorsNl, typeof table> = table;
