// `cadans import-run` (spawned as `node bin/cadans.js`): the exact --json reply and the stored run
// session for FIT, TCX and GPX; the human line in Dutch and English; a corrupt, truncated or
// foreign file, an unknown client and bad arguments: one line on stderr, non-zero exit, nothing stored.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStorage } from '../../../main/storage/storage.js';
import { fitFile, gpxFile, START, tcxFile, WEEK1 } from '../../support/runFiles.js';
import { runCli } from '../../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'cadans-import-run-'));
const db = join(dir, 'runs.sqlite');
const file = (name: string, content: Uint8Array | string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
let clientId = 0;
const EN = { CADANS_LANG: 'en' };
const NL = { CADANS_LANG: 'nl' };

before(() => {
  const s = openStorage(db);
  clientId = s.clients.create({ name: 'Loes Runner', dateOfBirth: '1986-05-01' }).id;
  s.clients.create({ name: 'Twee' });
  s.clients.create({ name: 'Twee' });
  s.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const runSessions = (): number => {
  const s = openStorage(db, { readonly: true });
  try {
    return s.sessions.list().filter((x) => x.type === 'run').length;
  } finally {
    s.close();
  }
};

describe('cadans import-run', () => {
  test('--json: exactly the contract keys; the session stored as a complete run', async () => {
    const r = await runCli(['import-run', file('week1.fit', fitFile(WEEK1)), '--client', 'Loes Runner', '--db', db, '--json'], { env: EN });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const reply = JSON.parse(r.stdout);
    assert.equal(r.stdout, JSON.stringify(reply) + '\n', 'one JSON line, nothing else');
    assert.deepEqual(Object.keys(reply), ['sessionId', 'durationSec', 'blocks', 'longestRunSec', 'meanHrBpm', 'hrr60Bpm']);
    assert.equal(reply.durationSec, 1259);
    assert.equal(reply.blocks.length, 12);
    for (const b of reply.blocks) {
      assert.deepEqual(Object.keys(b), ['kind', 'startSec', 'endSec']);
      assert.ok(b.kind === 'run' || b.kind === 'walk');
    }
    assert.deepEqual(reply.blocks.map((b: { kind: string }) => b.kind).slice(0, 4), ['run', 'walk', 'run', 'walk']);
    assert.equal(reply.blocks[1].startSec, 60, 'snapped to the lap');
    assert.equal(reply.longestRunSec, 60);
    assert.equal(typeof reply.meanHrBpm, 'number');
    assert.ok(reply.hrr60Bpm > 20 && reply.hrr60Bpm < 50, String(reply.hrr60Bpm));
    const s = openStorage(db, { readonly: true });
    const session = s.sessions.require(reply.sessionId);
    s.close();
    assert.deepEqual([session.clientId, session.type, session.status, session.startedAt], [clientId, 'run', 'complete', START.toISOString()]);
  });

  test('TCX and GPX by client id; the human line in Dutch and in English', async () => {
    const nl = await runCli(['import-run', file('week1.tcx', tcxFile(WEEK1)), '--client', String(clientId), '--db', db], { env: NL });
    assert.equal(nl.code, 0, nl.stderr);
    assert.match(nl.stdout, /^Loop geïmporteerd als sessie \d+ voor Loes Runner: 21,0 min, 6 loopblokken, langste aaneengesloten loop 1,0 min, gemiddelde hartslag \d+ bpm, HRR60 \d+ bpm\.\n$/);
    const en = await runCli(['import-run', file('week1.gpx', gpxFile(WEEK1)), '--client', String(clientId), '--db', db], { env: EN });
    assert.equal(en.code, 0, en.stderr);
    assert.match(en.stdout, /^Run imported as session \d+ for Loes Runner: 21\.0 min, 6 run blocks, longest continuous run 1\.0 min, mean heart rate \d+ bpm, HRR60 \d+ bpm\.\n$/);
  });

  test('the same run again: refused with the session it is, nothing stored twice', async () => {
    const before = runSessions();
    const again = await runCli(['import-run', join(dir, 'week1.fit'), '--client', 'Loes Runner', '--db', db, '--json'], { env: NL });
    assert.equal(again.code, 1);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /^cadans import-run: Deze loop \(week1\.fit\) is al geïmporteerd als sessie 1 van deze cliënt; er is niets opnieuw geïmporteerd\.\n$/);
    assert.equal(runSessions(), before);
  });

  test('a broken file: one line on stderr in the user\'s language, exit 1, nothing stored', async () => {
    const before = runSessions();
    const fit = fitFile(WEEK1);
    const corrupt = fit.slice();
    corrupt[600] ^= 0x55;
    const tcx = tcxFile(WEEK1);
    const cases: [string, Uint8Array | string, RegExp, RegExp][] = [
      ['corrupt.fit', corrupt, /corrupt\.fit is damaged \(CRC\); nothing was imported$/, /corrupt\.fit is beschadigd \(CRC\); er is niets geïmporteerd\.$/],
      ['cut.fit', fit.slice(0, 5000), /cut\.fit is truncated/, /cut\.fit is afgekapt/],
      ['cut.tcx', tcx.slice(0, tcx.length - 400), /cut\.tcx is truncated/, /cut\.tcx is afgekapt/],
      ['notes.txt', 'not a run', /notes\.txt is not a FIT, TCX or GPX file/, /notes\.txt is geen FIT-, TCX- of GPX-bestand/],
    ];
    for (const [name, content, en, nl] of cases) {
      const p = file(name, content);
      for (const [env, re] of [[EN, en], [NL, nl]] as const) {
        const r = await runCli(['import-run', p, '--client', 'Loes Runner', '--db', db, '--json'], { env });
        assert.equal(r.code, 1, `${name}: ${r.stderr}`);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
        assert.match(r.stderr.trimEnd(), new RegExp(`^cadans import-run: ${re.source}`), r.stderr);
      }
    }
    const huge = file('huge.fit', fitFile(WEEK1));
    truncateSync(huge, 51 * 1024 * 1024); // sparse: refused by its size before it is read
    const big = await runCli(['import-run', huge, '--client', 'Loes Runner', '--db', db], { env: NL });
    assert.equal(big.code, 1);
    assert.match(big.stderr, /^cadans import-run: huge\.fit is te groot voor een loopbestand \(meer dan 50 MB\); er is niets geïmporteerd\.\n$/);
    const missing = await runCli(['import-run', join(dir, 'nope.fit'), '--client', 'Loes Runner', '--db', db], { env: EN });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^cadans import-run: nope\.fit cannot be read \(no such file\); nothing was imported\n$/);
    assert.equal(runSessions(), before);
  });

  test('an unknown or ambiguous client, a missing database and bad arguments store nothing', async () => {
    const before = runSessions();
    const fit = file('ok.fit', fitFile(WEEK1));
    const unknown = await runCli(['import-run', fit, '--client', 'Niemand', '--db', db], { env: EN });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no client named 'Niemand'/);
    const twice = await runCli(['import-run', fit, '--client', 'Twee', '--db', db], { env: EN });
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /2 clients are named 'Twee'/);
    const noDb = await runCli(['import-run', fit, '--client', 'Loes Runner', '--db', join(dir, 'none.sqlite')], { env: EN });
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /no Cadans database at/);
    const noClient = await runCli(['import-run', fit, '--db', db], { env: EN });
    assert.equal(noClient.code, 2);
    assert.match(noClient.stderr, /--client <name\|id> is required/);
    const noFile = await runCli(['import-run', '--client', 'Loes Runner', '--db', db], { env: NL });
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /geef één loopbestand/);
    assert.equal(runSessions(), before);
  });
});
