/** `analysisRefusal` — what `run` threw, which must be an `AnalysisInputError` (the test fails otherwise). */
import assert from 'node:assert/strict';
import { AnalysisInputError } from '../../shared/dsp/analyzePpg.js';

export function analysisRefusal(run: () => unknown): AnalysisInputError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof AnalysisInputError, String(e));
    return e;
  }
  assert.fail('no AnalysisInputError');
}
