/**
 * `sensorSpecIssue` — what is wrong with a typed sensor spec, as a field problem (`field: 'spec'`,
 * a message code and its parameters) the sensor panel shows next to the field in the user's
 * language, before anything is opened: no sensor at all, an unknown kind of sensor, and for the
 * simulator an unknown setting or a bad value (found by the simulator's own parser, one setting at
 * a time, so the problem names the setting). Other kinds are checked when they are opened.
 */
import type { ValidationIssue } from '../domain/validationResult.js';
import { parseSimSpec, SIM_SPEC_KEYS } from '../sim/parseSimSpec.js';

const issue = (code: ValidationIssue['code'], params: ValidationIssue['params'] = {}): ValidationIssue => ({ field: 'spec', code, params });

export function sensorSpecIssue(spec: string): ValidationIssue | null {
  const s = typeof spec === 'string' ? spec.trim() : '';
  if (s === '') return issue('required');
  const kind = /^(sim|serial|ble|file|replay)(?=:|\?|$)/i.exec(s)?.[1]?.toLowerCase();
  if (!kind) return issue('sensorUnknown', { value: JSON.stringify(/^[^:?]*/.exec(s)![0].slice(0, 40)) });
  if (kind !== 'sim') return null;
  const m = /^sim(?::(.*))?$/i.exec(s);
  if (!m) return issue('sensorUnknown', { value: JSON.stringify(s.slice(0, 40)) });
  const seen = new Set<string>();
  for (const item of (m[1] ?? '').split(',')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (!SIM_SPEC_KEYS.includes(key)) {
      return issue('sensorUnknownSetting', { key: JSON.stringify(key.slice(0, 30)), allowed: SIM_SPEC_KEYS.join(', ') });
    }
    if (eq < 0 || value === '' || seen.has(key) || 'error' in parseSimSpec(`sim:${key}=${value}`)) {
      return issue('sensorBadSetting', { key, value: JSON.stringify(value.slice(0, 30)) });
    }
    seen.add(key);
  }
  const all = parseSimSpec(s);
  return 'error' in all ? issue('sensorBadSetting', { key: 'sim', value: JSON.stringify(s.slice(0, 40)) }) : null;
}
