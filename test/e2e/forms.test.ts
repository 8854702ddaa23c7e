// End-to-end (issue 13, items 3 and 5): values that cannot be wrong and a sensor panel that cannot
// be misread, in Debian Chromium against `cadans web`. The pacer form refuses rate 2, 20 and −6
// and a duration of 500 min, each with the rule broken next to its field, and starts nothing; the
// end of the pacer's duration asks the therapist, and "continue" keeps the session recording;
// "Connect" replaces the sensor (one card), "Add sensor" gives two cards that say which is which;
// a bad spec is explained next to the field in Dutch, never as a banner. Screenshots: forms-*.png.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, browserSkipReason } from './browser.js';
import { useWebHostPage, waitFor } from './e2eSession.js';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').trim();

describe('Forms and the sensor panel in Chromium (cadans web + simulator)', { skip: skip ?? false, timeout: 180_000 }, () => {
  const e2e = useWebHostPage();
  let page: Page;
  before(() => {
    page = e2e.page;
  });

  test('the pacer form names the rule each bad value breaks, next to its field, and starts nothing', async () => {
    await page.goto(e2e.host.url);
    await page.getByTestId('nav-live').waitFor();
    await page.getByTestId('new-client').click();
    await page.locator('input[name="client-name"]').fill('Els Formulier');
    await page.getByTestId('new-client-form').locator('button[type="submit"]').click();
    await page.getByTestId('client-select').waitFor();
    await page.getByTestId('sensor-spec').fill('sim:speed=20,seed=4,compliance=1');
    await page.getByTestId('connect').click();
    await page.locator('[data-testid="channel"][data-state="connected"]').waitFor({ timeout: 15_000 });

    for (const [rate, shown] of [['2', '2'], ['20', '20'], ['-6', '-6']] as const) {
      await page.getByTestId('pacer-rate').fill(rate);
      const err = page.getByTestId('pacer-rate-error');
      await err.waitFor();
      const msg = (await err.textContent()) ?? '';
      assert.match(msg, /^Ademfrequentie moet tussen 3 en 12 liggen \(ingevuld: (.+)\)\.$/, `rate ${rate}: ${msg}`);
      assert.ok(msg.includes(`ingevuld: ${shown}`) || msg.includes(`ingevuld: ${shown.replace('-', '−')}`), `rate ${rate} is quoted: ${msg}`);
      assert.doesNotMatch(msg, /1 s|duurt/, 'not the in/out rule');
      assert.equal(await page.getByTestId('start-session').isDisabled(), true, `no start with rate ${rate}`);
      assert.equal(await page.getByTestId('pacer-apply').isDisabled(), true);
      await page.getByTestId('pacer-form').screenshot({ path: artifactPath(`forms-01-rate-${rate}.png`) });
    }
    await page.getByTestId('pacer-rate').fill('6');
    await waitFor('the rate error to go', async () => (await page.getByTestId('pacer-rate-error').count()) === 0, 5000);

    for (const d of ['500', '-5']) {
      await page.getByTestId('pacer-duration').fill(d);
      const msg = (await page.getByTestId('pacer-duration-error').textContent()) ?? '';
      assert.match(msg, /^Duur \(min\) moet tussen 1 en 120 liggen \(ingevuld: .+\)\.$/, `duration ${d}: ${msg}`);
      assert.equal(await page.getByTestId('start-session').isDisabled(), true, `no start with ${d} min`);
      assert.match(await text(page, 'start-blocked'), /ademhalingsbegeleider/);
      await page.getByTestId('pacer-form').screenshot({ path: artifactPath(`forms-02-duration-${d}.png`) });
    }
    // Holds that leave too little time: the in/out rule, with the real durations.
    await page.getByTestId('pacer-duration').fill('1');
    await page.getByTestId('pacer-rate').fill('12');
    await page.getByTestId('pacer-hold-in').fill('2');
    await page.getByTestId('pacer-hold-out').fill('2');
    assert.match(await text(page, 'pacer-holds-error'), /Inademen \(0,4 s\) en uitademen \(0,6 s\) moeten elk minstens 1 s duren/);
    await page.getByTestId('pacer-form').screenshot({ path: artifactPath('forms-03-holds.png') });
    await page.getByTestId('pacer-hold-in').fill('0');
    await page.getByTestId('pacer-hold-out').fill('0');
    await page.getByTestId('pacer-rate').fill('6');
    assert.equal(await page.getByTestId('pacer-form').locator('[role="alert"]').count(), 0, 'valid again: no field message');
    assert.equal(await page.getByTestId('session-phase').textContent(), 'Geen sessie', 'nothing started');
    assert.equal(await page.getByTestId('error').count(), 0, 'no banner');
  });

  test('a bad sensor spec is explained next to the field in Dutch, not as a banner; nothing is replaced', async () => {
    for (const [spec, rule] of [
      ['sim:speed=20,pulse=3', /^Onbekende sensorinstelling "pulse"/],
      ['sim:speed=0', /^Sensorinstelling speed heeft een ongeldige waarde \("0"\)/],
      ['usb:/dev/x', /^Onbekende sensor "usb"/],
      ['file:/etc/passwd', /Opname afspelen/],
    ] as const) {
      await page.getByTestId('sensor-spec').fill(spec);
      await page.getByTestId('connect').click();
      const msg = await text(page, 'sensor-spec-error');
      assert.match(msg, rule, spec);
      assert.equal(await page.getByTestId('error').count(), 0, `no banner for ${spec}`);
      assert.equal(await page.getByTestId('channel').count(), 1, 'the connected sensor stays');
    }
    await page.getByTestId('sensor-panel').screenshot({ path: artifactPath('forms-04-bad-spec.png') });
    // Refused by the core too (the panel's own check skipped): a serial port that was not listed.
    await page.getByTestId('sensor-spec').fill('serial:/dev/ttyFAKE0');
    await page.getByTestId('connect').click();
    assert.match(await text(page, 'sensor-spec-error'), /^Deze seriële poort staat niet in de sensorlijst/);
    assert.equal(await page.getByTestId('error').count(), 0);
  });

  test('Connect replaces (one card); Add sensor gives two cards that say which is which', async () => {
    await page.getByTestId('sensor-spec').fill('sim:speed=10,seed=5,compliance=1');
    await page.getByTestId('connect').click();
    await waitFor('the 10× simulator', async () => (await page.locator('[data-testid="channel"][data-speed="10"]').count()) === 1, 15_000);
    assert.equal(await page.getByTestId('channel').count(), 1, 'one card after connecting a second time');
    const card = page.getByTestId('channel');
    assert.equal(((await card.getByTestId('channel-kind').textContent()) ?? '').trim(), 'Simulator · 10× snelheid');
    assert.match((await card.getByTestId('speed-warning').textContent()) ?? '', /10 seconden signaal per echte seconde/);
    assert.equal(await card.getByTestId('channel-spec').textContent(), 'sim:speed=10,seed=5,compliance=1');

    await page.getByTestId('sensor-spec').fill('sim:seed=9');
    await page.getByTestId('add-sensor').click();
    await waitFor('two cards', async () => (await page.getByTestId('channel').count()) === 2, 15_000);
    const kinds = (await page.getByTestId('channel-kind').allTextContents()).map((s) => s.trim()).sort();
    assert.deepEqual(kinds, ['Simulator · 10× snelheid', 'Simulator · echte tijd'], 'the cards can be told apart');
    assert.equal(await page.locator('[data-testid="channel"][data-speed="1"] [data-testid="speed-warning"]').count(), 0);
    await page.getByTestId('sensor-panel').screenshot({ path: artifactPath('forms-05-two-sensors.png') });
    // Remove the real-time one by its own card: the 10× simulator stays.
    await page.locator('[data-testid="channel"][data-speed="1"]').getByTestId('disconnect').click();
    await waitFor('one card', async () => (await page.getByTestId('channel').count()) === 1, 10_000);
    assert.equal(await page.getByTestId('channel').getAttribute('data-speed'), '10');
  });

  test('the end of the pacer duration asks; "continue" keeps the session recording; replacing a recording sensor asks first', async () => {
    await page.getByTestId('pacer-rate').fill('6');
    await page.getByTestId('pacer-duration').fill('1');
    await page.getByTestId('start-session').click();
    await page.getByTestId('stop-session').waitFor();
    // 1 min of pacer at 10× = 6 s.
    const prompt = page.getByTestId('pacer-end-prompt');
    await prompt.waitFor({ timeout: 30_000 });
    assert.match((await prompt.textContent()) ?? '', /De begeleider is klaar.*De opname loopt nog/);
    assert.equal(await text(page, 'session-phase'), 'Opname loopt', 'still recording when asked');
    await page.screenshot({ path: artifactPath('forms-06-pacer-end-prompt.png'), fullPage: true });
    await page.getByTestId('pacer-end-continue').click();
    await waitFor('the prompt to close', async () => (await prompt.count()) === 0, 5000);
    await page.waitForTimeout(3000); // 30 s of session at 10×
    assert.equal(await text(page, 'session-phase'), 'Opname loopt', 'continue keeps the session recording');
    assert.equal(await prompt.count(), 0, 'the open-ended pacer does not end again');
    const markers = await page.getByTestId('markers').textContent();
    assert.match(markers ?? '', /Begeleider klaar.*Begeleider doorgezet/);

    // Connect another sensor while recording: asked first; "cancel" keeps everything.
    await page.getByTestId('sensor-spec').fill('sim:seed=12');
    await page.getByTestId('connect').click();
    await page.getByTestId('replace-confirm').waitFor();
    await page.getByTestId('sensor-panel').screenshot({ path: artifactPath('forms-07-replace-confirm.png') });
    await page.getByTestId('replace-no').click();
    assert.equal(await text(page, 'session-phase'), 'Opname loopt');
    assert.equal(await page.getByTestId('channel').count(), 1);
    // "Stop and replace": the session is stopped (kept) and the new sensor replaces the old one.
    await page.getByTestId('connect').click();
    await page.getByTestId('replace-yes').click();
    await waitFor('the new sensor alone', async () => (await page.locator('[data-testid="channel"][data-spec="sim:seed=12"]').count()) === 1 && (await page.getByTestId('channel').count()) === 1, 15_000);
    assert.equal(await text(page, 'session-phase'), 'Geen sessie');
    await page.getByTestId('session-summary').waitFor({ timeout: 15_000 }); // the stopped session was kept
    assert.equal(await page.getByTestId('error').count(), 0, 'no banner');
  });

  test('no errors in the page', () => {
    assert.deepEqual(e2e.pageErrors, []);
  });
});
