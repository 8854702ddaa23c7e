import { CadansError } from '../../shared/i18n/CadansError.js';

/** A serialport open error as a coded error a physiotherapist can act on (in the user's language where shown). */
export function serialOpenError(path: string, err: unknown): CadansError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/no such file|ENOENT|does not exist/i.test(msg)) return new CadansError('serial.notFound', { port: path });
  if (/permission denied|EACCES/i.test(msg)) return new CadansError('serial.permission', { port: path });
  if (/lock|busy|EBUSY/i.test(msg)) return new CadansError('serial.busy', { port: path });
  if (/ENODEV|ENXIO|EIO\b|no such device|input\/output error/i.test(msg)) return new CadansError('serial.deviceGone', { port: path });
  if (/EINVAL|invalid argument|baud/i.test(msg)) return new CadansError('serial.badSetting', { port: path });
  return new CadansError('serial.openFailed', { port: path, detail: msg });
}

