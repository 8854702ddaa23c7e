/**
 * The key a client's sensor is remembered by (issue 14, client_sensors.sensor_key): what stays the
 * same when the sensor comes back, whatever port or hub socket it is plugged into.
 *
 * - A USB-serial sensor whose port listing gives a USB serial number: `usb:<vid>:<pid>:<serial>`
 *   (lower-case hex ids; `#<n>` added for the further sensors of a board carrying several). The
 *   port path (`/dev/ttyUSB0`, `COM3`) changes when the clip goes into another hub port; this does not.
 * - A Bluetooth sensor: `ble:<device id>` (its options — PPG, name — left out).
 * - Anything else — a serial port without a serial number (cheap USB-serial chips, PTYs in tests),
 *   a simulator, `ble:any` before a device was found — is remembered by its spec.
 *
 * Keys stored before (specs) stay valid: a key that is a spec is offered as that spec.
 */

export interface UsbIds {
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

const hex = (v: string | undefined): string => (v ?? '').toLowerCase().replace(/^0x/, '');

/** The identity key of the sensor opened by `spec` (`usb`: what the port listing says of its path). */
export function sensorIdentity(spec: string, usb?: UsbIds): string {
  const serial = /^serial:[^?]*(?:\?(.*))?$/i.exec(spec);
  if (serial) {
    const sn = usb?.serialNumber?.trim();
    if (!sn) return spec;
    const index = /(?:^|&)sensor=(\d+)/.exec(serial[1] ?? '')?.[1];
    return `usb:${hex(usb?.vendorId)}:${hex(usb?.productId)}:${sn}${index && index !== '0' ? `#${index}` : ''}`;
  }
  const ble = /^ble:([^?]+)/i.exec(spec);
  if (ble) {
    const id = ble[1]!.trim();
    return id === '' || id.toLowerCase() === 'any' ? spec : `ble:${id}`;
  }
  return spec;
}

/** Whether `key` names a sensor by its USB serial number (not openable as it is: it must be found connected or listed). */
export function isUsbIdentity(key: string): boolean {
  return key.startsWith('usb:');
}
