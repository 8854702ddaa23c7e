/**
 * `serialFault` — what an operating-system error on a serial port means for the therapist, as a
 * code (`SerialFault`), classified by errno and by the messages `serialport` and its bindings give
 * on Linux, macOS and Windows. The code picks a Dutch or English sentence where it is shown
 * (`formatSensorNotice` for the 'port-error' and 'reconnecting' notices, `serialOpenError` for a
 * port that does not open); the raw OS text only travels along as a technical detail.
 *
 * `when` matters: a port that cannot be *found* while opening is a wrong path, but one that
 * vanishes while running was unplugged; Windows says "Access denied" both when another program
 * holds the port (opening) and when the USB adapter is pulled out (reading or writing).
 */

/** What went wrong on a serial port. Shown in the user's language; never renamed (notices carry it as `cause`). */
export type SerialFault =
  /** The device disappeared (USB unplugged, cable loose): ENXIO, ENODEV, a disconnect. */
  | 'unplugged'
  /** Read/write error on the line (EIO): the device stopped answering. */
  | 'io'
  /** Another program holds the port (lock, EBUSY; Windows "Access denied" when opening). */
  | 'busy'
  /** No permission to open the port (EACCES). */
  | 'permission'
  /** No port by that name (ENOENT, Windows "File not found" when opening). */
  | 'not-found'
  /** The port was closed (no error given, "Port is not open", EBADF). */
  | 'closed'
  /** The port refuses a setting (EINVAL, an unsupported baud rate). */
  | 'bad-setting'
  /** Anything else: only the technical detail says what. */
  | 'other';

export const SERIAL_FAULTS: readonly SerialFault[] = ['unplugged', 'io', 'busy', 'permission', 'not-found', 'closed', 'bad-setting', 'other'];

/** Errno codes (Node's `err.code`) per fault, where the code alone decides. */
const BY_ERRNO: Readonly<Record<string, SerialFault>> = {
  ENXIO: 'unplugged',
  ENODEV: 'unplugged',
  EIO: 'io',
  EBUSY: 'busy',
  EAGAIN: 'busy',
  EACCES: 'permission',
  EPERM: 'permission',
  ENOENT: 'not-found',
  EBADF: 'closed',
  EINVAL: 'bad-setting',
};

/**
 * Message patterns, first match wins. Linux/macOS texts come from Node's errno messages and the
 * bindings' "Error: <strerror>, cannot open <path>" / "Error Resource temporarily unavailable
 * Cannot lock port"; Windows texts from bindings-cpp's ErrorCodeToString ("Opening COM3: Access
 * denied", "Reading from COM port (ReadIOCompletion): Operation aborted", "Unknown error code 31").
 */
const BY_TEXT: readonly [RegExp, SerialFault | ((when: SerialWhen) => SerialFault)][] = [
  [/cannot lock port|\bEBUSY\b|resource busy|device or resource busy|port busy|already open/i, 'busy'],
  [/\bENXIO\b|\bENODEV\b|no such device|device not configured|disconnected|device (is )?not connected|unknown error code (22|31|1167)\b|operation aborted/i, 'unplugged'],
  [/\bEIO\b|i\/o error|input\/output error/i, 'io'],
  [/\bEACCES\b|\bEPERM\b|permission denied|operation not permitted/i, 'permission'],
  // Windows: another program holds the port when opening; the adapter is gone when running.
  [/access (is )?denied/i, (when) => (when === 'open' ? 'busy' : 'unplugged')],
  [/\bEAGAIN\b|resource temporarily unavailable/i, 'busy'],
  [/\bENOENT\b|no such file|file not found|cannot find the file|does not exist/i, (when) => (when === 'open' ? 'not-found' : 'unplugged')],
  [/\bEBADF\b|bad file descriptor|port is not open|port not open|invalid handle|port closed|closed while opening|canceled/i, 'closed'],
  [/\bEINVAL\b|invalid argument|parameter is incorrect|baud ?rate|not a valid baud/i, 'bad-setting'],
];

/** While opening the port, or while it was open (reading, writing, closing under us). */
export type SerialWhen = 'open' | 'running';

/** The fault of a serial-port error, and its raw text (`detail`: for logs and "technical detail" only). */
export function serialFault(err: unknown, when: SerialWhen): { fault: SerialFault; detail: string } {
  const e = err !== null && typeof err === 'object' ? (err as { code?: unknown; message?: unknown }) : undefined;
  const detail = typeof e?.message === 'string' ? e.message : err === undefined || err === null ? '' : String(err);
  const code = typeof e?.code === 'string' ? e.code : undefined;
  let fault: SerialFault | undefined = code ? BY_ERRNO[code] : undefined;
  if (fault === 'not-found' && when === 'running') fault = 'unplugged';
  if (!fault) {
    const hit = BY_TEXT.find(([re]) => re.test(detail));
    fault = hit ? (typeof hit[1] === 'function' ? hit[1](when) : hit[1]) : detail.trim() === '' && when === 'running' ? 'closed' : 'other';
  }
  return { fault, detail };
}
