// Electron hardening (issue 12): fuses in the packaging config, developer tools off in packaged
// builds and always on the client display, an application menu without developer tools or reload.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appMenuTemplate, FORBIDDEN_MENU_ROLES, menuItems } from '../../../main/app/appMenu.js';
import { devToolsAllowed, insecureOptionProblems, windowOptions } from '../../../main/app/windowOptions.js';
import { repoRoot } from '../../support/paths.js';

// The YAML parser electron-builder itself reads the file with (a dependency of electron-builder).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

describe('electron-builder.yml: Electron fuses', () => {
  const config = yaml.load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  test('the fuses are set: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption, asar integrity, only the asar', () => {
    const fuses = config.electronFuses as Record<string, unknown> | undefined;
    assert.ok(fuses && typeof fuses === 'object', 'electronFuses block present');
    const expected: Record<string, boolean> = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    };
    for (const [fuse, value] of Object.entries(expected)) assert.strictEqual(fuses[fuse], value, `electronFuses.${fuse} must be ${value}`);
    assert.strictEqual(fuses.grantFileProtocolExtraPrivileges, false);
  });

  test('every fuse named is one electron-builder knows (a typo would be ignored silently)', () => {
    const known = readFileSync(join(repoRoot, 'node_modules/app-builder-lib/out/configuration.d.ts'), 'utf8');
    const block = /export interface FuseOptionsV1 \{([\s\S]*?)\n\}/.exec(known)?.[1] ?? '';
    for (const fuse of Object.keys(config.electronFuses as object)) assert.match(block, new RegExp(`\\b${fuse}\\?:\\s*boolean`), fuse);
    assert.equal(config.asar, true, 'onlyLoadAppFromAsar needs the app packed as asar');
  });
});

describe('developer tools', () => {
  test('never on the client display; on the therapist window only in an unpackaged run; off by default', () => {
    assert.equal(devToolsAllowed('client', { packaged: false }), false);
    assert.equal(devToolsAllowed('client', { packaged: true }), false);
    assert.equal(devToolsAllowed('therapist', { packaged: true }), false);
    assert.equal(devToolsAllowed('therapist', {}), false, 'unknown = packaged');
    assert.equal(devToolsAllowed('therapist', { packaged: false }), true);
  });

  test('the window options carry it: webPreferences.devTools', () => {
    for (const packaged of [true, false]) {
      const client = windowOptions('client', '/p/preload.cjs', {}, { packaged });
      assert.equal(client.webPreferences!.devTools, false);
      assert.deepEqual(insecureOptionProblems(client, { devTools: false }), []);
    }
    assert.equal(windowOptions('therapist', '/p/preload.cjs', {}, { packaged: true }).webPreferences!.devTools, false);
    assert.equal(windowOptions('therapist', '/p/preload.cjs').webPreferences!.devTools, false);
    assert.equal(windowOptions('therapist', '/p/preload.cjs', {}, { packaged: false }).webPreferences!.devTools, true);
    const dev = windowOptions('therapist', '/p/preload.cjs', {}, { packaged: false });
    assert.match(insecureOptionProblems(dev, { devTools: false }).join(), /devTools must be false/);
  });

  test('the Electron print window has no developer tools either', () => {
    const src = readFileSync(join(repoRoot, 'main/reports/electronPrint.ts'), 'utf8');
    assert.match(src, /\bdevTools:\s*false\b/);
  });
});

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    test(`${platform}: no developer tools, no reload — by role, label or accelerator`, () => {
      for (const nl of [true, false]) {
        const items = menuItems(appMenuTemplate(platform, nl));
        assert.ok(items.length > 10);
        for (const item of items) {
          assert.ok(!item.role || !FORBIDDEN_MENU_ROLES.includes(item.role), `role ${item.role}`);
          assert.doesNotMatch(String(item.label ?? ''), /dev(eloper)?\s*tools|ontwikkel|inspect|reload|herlaad|opnieuw laden/i);
          assert.doesNotMatch(String(item.accelerator ?? ''), /Shift\+I|F12|\+R$|F5/i);
          assert.equal(item.click, undefined, 'no custom actions');
        }
        // What the therapist still needs: copy/paste in fields, zoom, full screen, quit.
        const roles = items.map((i) => i.role);
        for (const r of ['copy', 'paste', 'selectAll', 'zoomIn', 'togglefullscreen']) assert.ok(roles.includes(r as never), r);
        assert.ok(roles.includes('quit') || roles.includes('close'));
      }
    });
  }
});
