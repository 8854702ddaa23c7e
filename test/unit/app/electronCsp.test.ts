import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ELECTRON_CSP } from '../../../main/app/electronCsp.js';
import { WEB_CSP } from '../../../main/web/webHost.js';

/** Directive name → sources. */
function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map((p) => [p[0]!, p.slice(1)]),
  );
}

describe('Content-Security-Policy of the app windows and the web host', () => {
  for (const [name, csp] of [['desktop', ELECTRON_CSP], ['web host', WEB_CSP]] as const) {
    test(`${name}: strict — nothing inline, nothing remote, no plugins or framing`, () => {
      const p = parse(csp);
      assert.deepEqual(p.get('default-src'), ["'none'"]);
      assert.deepEqual(p.get('script-src'), ["'self'"]);
      assert.deepEqual(p.get('object-src'), ["'none'"]);
      assert.deepEqual(p.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(p.get('base-uri'), ["'none'"]);
      for (const [, sources] of p) {
        for (const s of sources) {
          assert.ok(!/unsafe-inline|unsafe-eval|^\*$|^https?:/.test(s), `${name}: ${s}`);
        }
      }
    });
  }
});
