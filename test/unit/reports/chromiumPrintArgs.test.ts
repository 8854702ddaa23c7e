// The report printer's Chromium: networking off, sandboxed unless running as root (issue 12).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHROMIUM_NETWORK_FEATURES_OFF, chromiumPrintArgs, runningAsRoot } from '../../../main/reports/printToPdf.js';

describe('chromiumPrintArgs', () => {
  const user = chromiumPrintArgs('/tmp/p/profile', '/tmp/p/report.pdf', '/tmp/p/report.html', { asRoot: false });
  const root = chromiumPrintArgs('/tmp/p/profile', '/tmp/p/report.pdf', '/tmp/p/report.html', { asRoot: true });

  test('sandboxed unless running as root; the default follows the process', () => {
    assert.ok(!user.includes('--no-sandbox'));
    assert.ok(root.includes('--no-sandbox'));
    assert.equal(chromiumPrintArgs('p', 'o.pdf', 'i.html').includes('--no-sandbox'), runningAsRoot());
  });

  test('networking off: no background services, no DNS, no direct connection', () => {
    for (const a of [
      '--headless',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-domain-reliability',
      '--disable-sync',
      '--no-first-run',
      '--disable-extensions',
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--proxy-server=127.0.0.1:9',
      '--proxy-bypass-list=<-loopback>',
    ]) assert.ok(user.includes(a), a);
    const features = user.find((a) => a.startsWith('--disable-features='))!.slice('--disable-features='.length).split(',');
    for (const f of ['NetworkTimeServiceQuerying', 'OptimizationHints', 'MediaRouter', 'Translate', 'AutofillServerCommunication']) assert.ok(features.includes(f), f);
    assert.deepEqual(features, [...CHROMIUM_NETWORK_FEATURES_OFF]);
    assert.ok(!user.some((a) => /remote-debugging|enable-logging|--user-agent/.test(a)));
  });

  test('the page is the local file, last; output and profile in the temporary folder', () => {
    assert.equal(user.at(-1), 'file:///tmp/p/report.html');
    assert.ok(user.includes('--user-data-dir=/tmp/p/profile'));
    assert.ok(user.includes('--print-to-pdf=/tmp/p/report.pdf'));
    assert.equal(user.filter((a) => !a.startsWith('--')).length, 1, 'one page, nothing else positional');
  });
});
