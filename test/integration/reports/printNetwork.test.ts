// The report printer makes no network request (issue 12: it made 32 DNS queries to Google hosts).
// Chromium's own network log of a print is read: no DNS task, no socket to anywhere but the
// loopback proxy to nowhere, and no request that succeeded other than the local page — also for
// a page that asks for remote images, styles and fonts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chromiumPrintToPdf, findChromium } from '../../../main/reports/printToPdf.js';
import { sessionReportHtml } from '../../../main/reports/reportFiles.js';
import { openStorage } from '../../../main/storage/storage.js';
import { makeTempDir, removeTempDirs, storeSimSession } from './reportFixtures.js';

const chromium = findChromium();
after(removeTempDirs);

interface NetLog {
  constants: { logEventTypes: Record<string, number> };
  events: { type: number; phase?: number; source: { id: number }; params?: Record<string, unknown> }[];
}

interface PrintNetwork {
  /** Name resolutions actually run (DNS or the system resolver). */
  dnsTasks: number;
  /** TCP connection attempts (address). */
  tcpConnects: string[];
  /** Bytes sent on any socket (TCP or UDP). */
  bytesSent: number;
  /** Requests for a URL other than the local page, with their final error (0 = it succeeded). */
  remoteRequests: { url: string; netError: number }[];
}

/** What a print did on the network, from Chromium's own net log. */
function networkOf(file: string): PrintNetwork {
  const log = JSON.parse(readFileSync(file, 'utf8')) as NetLog;
  const name = new Map(Object.entries(log.constants.logEventTypes).map(([k, v]) => [v, k]));
  const out: PrintNetwork = { dnsTasks: 0, tcpConnects: [], bytesSent: 0, remoteRequests: [] };
  const requests = new Map<number, { url: string; netError: number }>();
  for (const e of log.events) {
    const type = name.get(e.type) ?? '';
    const p = e.params ?? {};
    if (type === 'HOST_RESOLVER_DNS_TASK' || type === 'HOST_RESOLVER_SYSTEM_TASK') out.dnsTasks++;
    if (type === 'TCP_CONNECT_ATTEMPT') out.tcpConnects.push(String(p.address));
    if (type === 'SOCKET_BYTES_SENT' || type === 'UDP_BYTES_SENT') out.bytesSent += typeof p.byte_count === 'number' ? p.byte_count : 1;
    if (type === 'URL_REQUEST_START_JOB') {
      if (typeof p.url === 'string' && !p.url.startsWith('file:')) requests.set(e.source.id, { url: p.url, netError: 0 });
      const r = requests.get(e.source.id);
      if (r && typeof p.net_error === 'number') r.netError = p.net_error;
    }
  }
  out.remoteRequests = [...requests.values()];
  return out;
}

/**
 * Nothing left the machine: no name resolved, no TCP connection tried, not a byte sent on any
 * socket, and every request Chromium made by itself (component updates, account checks) or the
 * page asked for failed before it reached a network. (Chromium's IPv6 reachability probe
 * `connect()`s a UDP socket, which sends nothing; the zero bytes sent cover it.)
 */
function assertOffline(net: PrintNetwork): void {
  assert.equal(net.dnsTasks, 0, 'no DNS query');
  assert.deepEqual(net.tcpConnects, [], 'no TCP connection attempt');
  assert.equal(net.bytesSent, 0, 'no byte sent on any socket');
  for (const r of net.remoteRequests) assert.ok(r.netError < 0, `${r.url} was fetched`);
}

describe('report PDF printing without network', { skip: chromium ? false : 'Chromium not installed (Debian: apt-get install chromium)' }, () => {
  const dir = makeTempDir('cadans-print-net-');

  async function printLogged(html: string, name: string): Promise<ReturnType<typeof networkOf>> {
    const netLog = join(dir, `${name}.netlog.json`);
    const pdf = await chromiumPrintToPdf({ extraArgs: [`--log-net-log=${netLog}`, '--net-log-capture-mode=Everything'] })(html);
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    return networkOf(netLog);
  }

  test('a session report: no DNS query, no connection leaving the machine', async () => {
    const s = openStorage(join(dir, 'db.sqlite'));
    let html: string;
    try {
      const client = s.clients.create({ name: 'Marie Jansen' });
      const { sessionId } = storeSimSession(s, { clientId: client.id, startedAt: '2025-03-01T09:00:00.000Z', durationSec: 90, sim: { seed: 3 } });
      html = sessionReportHtml(s, sessionId, { lang: 'nl', now: new Date('2025-03-02T10:00:00Z') });
    } finally {
      s.close();
    }
    assertOffline(await printLogged(html, 'session'));
  });

  test('a page asking for remote images, styles and fonts: nothing is fetched, nothing resolved', async () => {
    const html =
      '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.org/x.css">' +
      '<style>@font-face{font-family:x;src:url(https://fonts.example.net/x.woff2)}body{font-family:x}</style></head>' +
      '<body><h1>Rapport</h1><img src="http://tracker.example.com/pixel.gif"><img src="https://93.184.216.34/a.png">' +
      '<script>fetch("https://evil.example/x")</script></body></html>';
    const net = await printLogged(html, 'hostile');
    assertOffline(net);
    assert.ok(net.remoteRequests.some((r) => /example\.(org|com|net)/.test(r.url)), 'the log saw the page ask (the check is not blind)');
  });
});
