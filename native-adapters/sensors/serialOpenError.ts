import { CadansError, type ErrorCode } from '../../shared/i18n/CadansError.js';
import { serialFault, type SerialFault } from './serialFault.js';

/** The coded error of each fault of a port that does not open. */
const OPEN_ERROR: Record<SerialFault, ErrorCode> = {
  'not-found': 'serial.notFound',
  permission: 'serial.permission',
  busy: 'serial.busy',
  unplugged: 'serial.deviceGone',
  io: 'serial.deviceGone',
  closed: 'serial.deviceGone',
  'bad-setting': 'serial.badSetting',
  other: 'serial.openFailed',
};

/**
 * A serialport open error as a coded error a physiotherapist can act on (in the user's language
 * where shown; `serialFault` classifies it). Only an error no class fits keeps the raw OS text,
 * as the technical detail of 'serial.openFailed'.
 */
export function serialOpenError(path: string, err: unknown): CadansError {
  const { fault, detail } = serialFault(err, 'open');
  const code = OPEN_ERROR[fault];
  return new CadansError(code, code === 'serial.openFailed' ? { port: path, detail } : { port: path });
}
