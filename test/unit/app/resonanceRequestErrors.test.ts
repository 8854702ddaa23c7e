// Requests to the resonance assessment that do not have the right shape (the contract's schemas
// refuse most of them first) are refused with coded errors: Dutch for the page, the English line
// for the log, and nothing is started or stored.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ResonanceService } from '../../../main/app/resonanceService.js';
import { CadansError, errorText } from '../../../shared/i18n/CadansError.js';

/** A service whose collaborators fail the test when touched: a refused request must not reach them. */
function service(): ResonanceService {
  const untouchable = new Proxy({}, { get: (_t, k) => (k === 'onEnded' ? () => undefined : assert.fail(`touched ${String(k)}`)) });
  return new ResonanceService(untouchable as never, untouchable as never, untouchable as never, untouchable as never);
}

function refused(run: () => unknown, code: string): { nl: string; en: string } {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof CadansError, String(e));
    assert.equal(e.code, code);
    const nl = errorText('nl', e);
    assert.equal(errorText('en', e), e.message);
    assert.doesNotMatch(nl, /\b(must|needs|unknown|got|known|request|object|number)\b/i, nl);
    return { nl, en: e.message };
  }
  assert.fail(`not refused (${code})`);
}

describe('resonance requests of the wrong shape', () => {
  test('startResonance', () => {
    const s = service();
    assert.equal(refused(() => s.startResonance(null as never), 'resonance.noRequest').en, 'startResonance needs a request object');
    const id = refused(() => s.startResonance({ clientId: 0 } as never), 'resonance.badClientId');
    assert.equal(id.nl, 'Kies eerst een cliënt: het cliëntnummer moet een positief geheel getal zijn (gegeven: 0).');
    const v = refused(() => s.startResonance({ clientId: 1, variant: 'fast' } as never), 'resonance.badVariant');
    assert.equal(v.en, "variant must be one of stepped, sliding (got 'fast')");
    assert.equal(v.nl, 'Onbekende soort resonantiemeting: fast (kies uit stepped, sliding).');
    refused(() => s.startResonance({ clientId: 1, settings: [] } as never), 'resonance.settingsNotObject');
    const one = refused(() => s.startResonance({ clientId: 1, settings: { stepSecs: 60 } } as never), 'resonance.unknownSettings');
    assert.match(one.nl, /^Onbekende instelling van de resonantiemeting: stepSecs \(bekend zijn: ratesBpm, stepSec, /);
    assert.match(one.en, /^unknown resonance setting: stepSecs \(known: ratesBpm, /);
    assert.match(refused(() => s.startResonance({ clientId: 1, settings: { a: 1, b: 2 } } as never), 'resonance.unknownSettings').nl, /^Onbekende instellingen van de resonantiemeting: a, b /);
  });

  test('setResonanceOverride', () => {
    const s = service();
    refused(() => s.setResonanceOverride(undefined as never), 'resonance.noRequest');
    assert.equal(refused(() => s.setResonanceOverride({ sessionId: -2, rateBpm: 6 } as never), 'resonance.badSessionId').nl, 'Het sessienummer moet een positief geheel getal zijn (gegeven: -2).');
    assert.equal(
      refused(() => s.setResonanceOverride({ sessionId: 3, rateBpm: '6' } as never), 'resonance.badOverrideRate').nl,
      'De gekozen ademfrequentie moet een aantal ademhalingen per minuut zijn, of leeg (gegeven: 6).',
    );
  });
});
