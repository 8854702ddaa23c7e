/**
 * `formatSensorNotice` — a sensor's diagnosis (`SensorNotice`: a code with parameters) as a
 * sentence in Dutch or English, for the live UI next to the sensor, and for `cadans monitor` /
 * `cadans record`. The templates name what to do, in the therapist's words.
 */
import type { SensorNotice, SensorNoticeCode } from './frames.js';
import { cleanParams, errorText, isErrorCode } from '../i18n/CadansError.js';
import { protocolName } from '../i18n/sessionTexts.js';

export type NoticeLocale = 'nl' | 'en';

/** Is this notice a problem (shown as a warning), or information (shown quietly)? */
export function isNoticeProblem(code: SensorNoticeCode): boolean {
  return !['understood-again', 'reconnected', 'protocol-detected', 'connected', 'ppg-streaming', 'rate-mismatch', 'analysis-resumed'].includes(code);
}

type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params, num: (x: string | number | undefined, d?: number) => string) => string;

const ADAPTER_NL: Record<string, string> = {
  off: 'Bluetooth staat uit — zet het aan in de systeeminstellingen',
  unauthorized: 'geen toestemming om Bluetooth te gebruiken (zie de handleiding: toestemming voor Cadans geven)',
  unsupported: 'deze Bluetooth-adapter ondersteunt geen Bluetooth Low Energy',
  resetting: 'de Bluetooth-adapter wordt opnieuw gestart',
  unknown: 'geen Bluetooth-adapter gevonden',
};
const ADAPTER_EN: Record<string, string> = {
  off: 'Bluetooth is switched off — switch it on in the system settings',
  unauthorized: 'no permission to use Bluetooth (see the manual: allow Cadans to use Bluetooth)',
  unsupported: 'this Bluetooth adapter does not support Bluetooth Low Energy',
  resetting: 'the Bluetooth adapter is resetting',
  unknown: 'no Bluetooth adapter found',
};

const PROTOCOL_HINT_NL: Record<string, string> = {
  pulsesensor: 'draait de Arduino-sketch en schrijft hij op deze baudrate?',
  'cms50-5': 'staat de oximeter aan, met een vinger erin?',
  'cms50-9': 'staat de oximeter aan? (hij zendt pas na het startcommando)',
  csv: 'stuurt het apparaat regels?',
};
const PROTOCOL_HINT_EN: Record<string, string> = {
  pulsesensor: 'is the Arduino sketch running and printing at this baud rate?',
  'cms50-5': 'is the oximeter switched on with a finger in it?',
  'cms50-9': 'is the oximeter switched on? (it streams only after the start command)',
  csv: 'is the device sending lines?',
};

/** What was wrong with an unreadable sensor message (`ParseProblem`), in Dutch. */
const PROBLEM_NL: Record<string, string> = {
  'too-short': 'te kort',
  truncated: 'afgebroken',
  layout: 'onbekende opbouw',
  size: 'lengte klopt niet',
  unsupported: 'soort bericht wordt niet gelezen',
};
const PROBLEM_EN: Record<string, string> = {
  'too-short': 'too short',
  truncated: 'cut off',
  layout: 'unknown layout',
  size: 'wrong length',
  unsupported: 'kind of message not read',
};
/** Why a connection was lost, where the source names it in a fixed English phrase (a notice without `cause`). */
const REASON_NL: Record<string, string> = {
  'port closed': 'de poort is gesloten',
  'Bluetooth connection lost': 'de Bluetooth-verbinding is verbroken',
};
/**
 * What went wrong on a serial port (`cause`: a `SerialFault` of native-adapters/sensors/serialFault.ts,
 * classified from the operating system's message), in the therapist's words. The OS text itself
 * (`reason` / `message`) is shown only as the technical detail of a fault no class fits ('other').
 */
const CAUSE_NL: Record<string, string> = {
  unplugged: 'de sensor is losgekoppeld of de USB-kabel zit los — sluit hem opnieuw aan',
  io: 'de sensor reageert niet meer (leesfout op de poort) — controleer de kabel en sluit de sensor zo nodig opnieuw aan',
  busy: 'de poort is in gebruik door een ander programma — sluit dat programma (bijvoorbeeld de Arduino-IDE)',
  permission: "geen toestemming voor de poort (voeg op Linux je gebruiker toe aan de groep 'dialout' en log opnieuw in)",
  'not-found': 'de poort bestaat niet meer — is de sensor aangesloten?',
  closed: 'de poort is gesloten',
  'bad-setting': 'de poort weigert deze instelling (controleer de baudrate in de sensorspecificatie)',
};
const CAUSE_EN: Record<string, string> = {
  unplugged: 'the sensor was unplugged or its USB cable is loose — plug it in again',
  io: 'the sensor stopped responding (read error on the port) — check the cable and plug the sensor in again if needed',
  busy: 'the port is in use by another program — close that program (for example the Arduino IDE)',
  permission: "no permission to use the port (on Linux add your user to the 'dialout' group and log in again)",
  'not-found': 'the port no longer exists — is the sensor plugged in?',
  closed: 'the port was closed',
  'bad-setting': 'the port refuses this setting (check the baud rate in the sensor spec)',
};
/** An operating-system text no class fits: named as such, the text only as the technical detail. */
const unexpectedNl = (raw: unknown): string => `onverwachte fout van het besturingssysteem; technische melding: ${String(raw ?? '')}`;
const unexpectedEn = (raw: unknown): string => `unexpected error from the operating system; technical detail: ${String(raw ?? '')}`;
/** Why a serial port failed or a link was lost: by `cause` when the source classified it, else a fixed phrase, else the raw text as detail. */
function whyNl(p: Params, raw: 'reason' | 'message'): string {
  const cause = p.cause === undefined ? undefined : CAUSE_NL[String(p.cause)];
  if (cause) return cause;
  if (p.cause === undefined && raw === 'reason') return p.reason === undefined ? 'onbekende reden' : (REASON_NL[String(p.reason)] ?? unexpectedNl(p.reason));
  return unexpectedNl(p[raw]);
}
function whyEn(p: Params, raw: 'reason' | 'message'): string {
  const cause = p.cause === undefined ? undefined : CAUSE_EN[String(p.cause)];
  if (cause) return cause;
  if (p.cause === undefined) return String(p[raw] ?? 'unknown reason'); // an older or non-serial source: its own English phrase
  return unexpectedEn(p[raw]);
}
/**
 * Why a reconnect attempt failed: the coded problem it carries (`errorCode`, `errorParams` as JSON)
 * in `locale`; else its English `message`, in Dutch only as the technical detail.
 */
function failedWhy(p: Params, locale: NoticeLocale): string {
  if (isErrorCode(p.errorCode)) {
    let params: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(String(p.errorParams ?? '{}'));
      if (parsed !== null && typeof parsed === 'object') params = parsed as Record<string, unknown>;
    } catch {
      /* malformed: the problem without its params */
    }
    return errorText(locale, { code: p.errorCode, params: cleanParams(params), message: String(p.message ?? '') });
  }
  return locale === 'nl' ? `technische melding: ${String(p.message ?? '')}` : String(p.message ?? '');
}

/** The sketch's own words after `!`, unless they are only the library's default. */
const sketchSays = (p: Params, nl: boolean): string => {
  const m = String(p.message ?? '').trim();
  if (m === '' || m === 'PulseSensor begin() failed') return '';
  return nl ? ` (de sketch meldt: "${m}")` : ` (the sketch says: "${m}")`;
};

const NL: Record<SensorNoticeCode, Template> = {
  'no-data': (p) => `geen gegevens van ${p.port ?? 'de sensor'} gedurende ${p.seconds ?? 3} s — ${PROTOCOL_HINT_NL[String(p.protocol)] ?? 'is de sensor aangesloten en aan?'}`,
  'not-understood': (p, n) =>
    `de gegevens van ${p.port} zijn niet te lezen als ${protocolName('nl', p.protocolCode, p.protocol)} op ${p.baud} baud — verkeerd protocol of verkeerde baudrate? ` +
    `(${p.bytes} bytes in ${p.seconds} s, ${p.readings} metingen, ${n(p.badPct, 0)} % onleesbaar)`,
  'understood-again': (p) => `de gegevens van ${p.port ?? 'de sensor'} zijn weer leesbaar`,
  'finger-out': () => 'vinger of oorclip niet in de sensor',
  'probe-error': () => 'de sensor meldt een probefout — controleer de clip en de kabel',
  searching: () => 'de sensor zoekt de polsslag',
  'begin-failed': (p) => `de PulseSensor-bibliotheek kon niet starten${sketchSays(p, true)} — controleer de sketch en de aansluiting`,
  'sensor-error': (p) => `de sensor meldt een fout: ${p.message}`,
  reconnecting: (p) => `verbinding met ${p.port ?? 'de sensor'} verbroken (${whyNl(p, 'reason')}); opnieuw verbinden…`,
  reconnected: (p) => `weer verbonden met ${p.port ?? 'de sensor'}`,
  'port-error': (p) => `fout op de seriële poort ${p.port}: ${whyNl(p, 'message')}`,
  'rate-mismatch': (p, n) => `de sensor meldt ${n(p.declaredHz, 1)} Hz maar zendt ${n(p.measuredHz, 2)} Hz; de gemeten frequentie wordt gebruikt`,
  burst: (p, n) => `gegevens komen ${n(p.factor, 0)}× sneller binnen dan de sensor meet (een opgespaarde buffer); de tijden blijven juist`,
  'samples-lost': (p, n) => `${p.count} meetwaarden onderweg verloren (${n(p.seconds, 1)} s); als gat gemarkeerd`,
  'stream-stopped': (p) => `de sensor heeft de ${p.what ?? 'meting'} gestopt`,
  'end-of-recording': () => 'einde van de opname bereikt',
  'protocol-detected': (p) => `herkend als ${protocolName('nl', p.protocolCode, p.protocol)} op ${p.baud} baud`,
  'bad-frames': (p) =>
    `onleesbare ${p.what === 'heart-rate' ? 'hartslagberichten' : p.what === 'pmd' ? 'PPG-berichten' : 'berichten'} van de sensor (${PROBLEM_NL[String(p.problem)] ?? 'niet te lezen'}); ${p.count} tot nu toe`,
  'csv-needs-rate': () => 'de CSV-regels hebben geen tijdkolom: geef voor deze bron de bemonsteringsfrequentie op (fs=…)',
  'adapter-state': (p) => ADAPTER_NL[String(p.state)] ?? ADAPTER_NL.unknown!,
  connected: (p) => `verbonden met ${p.device}${p.location ? `, plaats: ${p.location}` : ''}${p.batteryPct !== undefined ? `, batterij ${p.batteryPct} %` : ''}`,
  'ppg-unavailable': () => 'deze sensor levert geen PPG: alleen hartslag en RR-intervallen',
  'ppg-streaming': (p, n) => `PPG komt binnen op ${n(p.fsHz, 0)} Hz`,
  'reconnect-failed': (p) => `opnieuw verbinden mislukt (${failedWhy(p, 'nl')}); nieuwe poging…`,
  'analysis-stopped': () => 'de live-analyse is gestopt en wordt opnieuw gestart; de opname loopt door',
  'analysis-resumed': () => 'de live-analyse loopt weer',
};

const EN: Record<SensorNoticeCode, Template> = {
  'no-data': (p) => `no data from ${p.port ?? 'the sensor'} for ${p.seconds ?? 3} s — ${PROTOCOL_HINT_EN[String(p.protocol)] ?? 'is the sensor plugged in and on?'}`,
  'not-understood': (p, n) =>
    `data on ${p.port} is not understood as ${protocolName('en', p.protocolCode, p.protocol)} at ${p.baud} baud — wrong protocol or baud rate? ` +
    `(${p.bytes} bytes in ${p.seconds} s, ${p.readings} readings, ${n(p.badPct, 0)}% unreadable)`,
  'understood-again': (p) => `data from ${p.port ?? 'the sensor'} is understood again`,
  'finger-out': () => 'finger or ear clip out of the sensor',
  'probe-error': () => 'the sensor reports a probe error — check the clip and the cable',
  searching: () => 'the sensor is searching for the pulse',
  'begin-failed': (p) => `the PulseSensor library could not start${sketchSays(p, false)} — check the sketch and the wiring`,
  'sensor-error': (p) => `the sensor reports an error: ${p.message}`,
  reconnecting: (p) => `lost ${p.port ?? 'the sensor'} (${whyEn(p, 'reason')}); reconnecting…`,
  reconnected: (p) => `reconnected to ${p.port ?? 'the sensor'}`,
  'port-error': (p) => `serial port error on ${p.port}: ${whyEn(p, 'message')}`,
  'rate-mismatch': (p, n) => `the sensor declares ${n(p.declaredHz, 1)} Hz but sends ${n(p.measuredHz, 2)} Hz; using the measured rate`,
  burst: (p, n) => `data arrives ${n(p.factor, 0)}× faster than the sensor samples (a buffered backlog); times stay right`,
  'samples-lost': (p, n) => `${p.count} samples lost in transfer (${n(p.seconds, 1)} s); marked as a gap`,
  'stream-stopped': (p) => `the sensor stopped the ${p.what ?? 'measurement'}`,
  'end-of-recording': () => 'end of recording reached',
  'protocol-detected': (p) => `recognised as ${protocolName('en', p.protocolCode, p.protocol)} at ${p.baud} baud`,
  'bad-frames': (p) =>
    `unreadable ${p.what === 'heart-rate' ? 'heart-rate messages' : p.what === 'pmd' ? 'PPG messages' : 'messages'} from the sensor (${PROBLEM_EN[String(p.problem)] ?? 'not readable'}${p.message ? `: ${p.message}` : ''}); ${p.count} so far`,
  'csv-needs-rate': () => 'the CSV lines carry no time column: set the sample rate (fs=…) for this source',
  'adapter-state': (p) => ADAPTER_EN[String(p.state)] ?? ADAPTER_EN.unknown!,
  connected: (p) => `connected to ${p.device}${p.location ? `, location: ${p.location}` : ''}${p.batteryPct !== undefined ? `, battery ${p.batteryPct}%` : ''}`,
  'ppg-unavailable': () => 'this sensor offers no PPG: heart rate and RR intervals only',
  'ppg-streaming': (p, n) => `PPG streaming at ${n(p.fsHz, 0)} Hz`,
  'reconnect-failed': (p) => `reconnect failed (${failedWhy(p, 'en')}); retrying…`,
  'analysis-stopped': () => 'live analysis stopped and is being restarted; the recording goes on',
  'analysis-resumed': () => 'live analysis is running again',
};

function numberFormatter(locale: NoticeLocale): (x: string | number | undefined, d?: number) => string {
  return (x, d = 1) => {
    const v = typeof x === 'number' ? x : Number(x);
    if (!Number.isFinite(v)) return String(x ?? '');
    return v.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: d, minimumFractionDigits: 0, useGrouping: false });
  };
}

/** formatSensorNotice: the notice as one sentence in `locale`. */
export function formatSensorNotice(notice: SensorNotice, locale: NoticeLocale): string {
  const table = locale === 'nl' ? NL : EN;
  const t = table[notice.code];
  return t ? t(notice.params ?? {}, numberFormatter(locale)) : notice.code;
}
