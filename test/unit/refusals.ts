import { TransitionRefused } from '../../src/referral/state-machine';
import { refusalText } from '../../src/ui/refusal-text';

/** What a coordinator reads when the state machine refuses `change`; fails when it is not refused. */
export function refusalOf(change: () => unknown): string {
  try {
    change();
  } catch (error) {
    if (error instanceof TransitionRefused) return refusalText(error.refusal);
    throw error;
  }
  throw new Error('the change was not refused');
}
