import { useRef } from 'preact/hooks';
import type { HandoffRequestInput, Send } from '../messages';
import type { PatientIdentity } from '../referral/patient-identity';
import type { Referral } from '../referral/referral';

/** A change to a tracked referral, made from its latest copy (for the version a write carries). */
type Change = (referral: Referral) => Extract<
  HandoffRequestInput,
  { id: string; version: number | undefined }
> & {
  type: 'change-status' | 'log-outreach' | 'record-packet' | 'escalate' | 'resolve-escalation';
};

/**
 * Sends the panel's changes to the background one after another, each from the copy the previous
 * one returned: the panel checking the packet while the coordinator logs a call must not make one
 * of them a stale write.
 */
export function useReferralUpdates(
  send: Send,
  referral: Referral | undefined,
  /** The patient on screen, named in every change so that the background can refuse a mismatch. */
  onScreen: PatientIdentity,
  onUpdated: (r: Referral) => void,
) {
  const latest = useRef(referral);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const know = (copy: Referral | undefined) => {
    if (copy && (!latest.current || copy.id !== latest.current.id || copy.version >= latest.current.version))
      latest.current = copy;
  };
  know(referral);

  const update = (change: Change): Promise<Referral> => {
    const run = queue.current.then(async () => {
      const current = latest.current;
      if (!current) throw new Error('The referral is not in the queue yet.');
      const { referral: updated } = (await send({ ...change(current), onScreen } as never).catch(
        async (refusal) => {
          // Refused (changed in another tab, or lost with a stopped worker): show the stored copy,
          // so the next try starts from it instead of failing the same way.
          const fresh = await send({ type: 'get-referral', id: current.id }).catch(() => undefined);
          if (fresh?.referral) {
            latest.current = fresh.referral;
            onUpdated(fresh.referral);
          }
          throw refusal;
        },
      )) as { referral: Referral };
      latest.current = updated;
      onUpdated(updated);
      return updated;
    });
    queue.current = run.catch(() => {});
    return run;
  };
  /** `know`: a copy the panel got another way (just tracked), for the next change to start from. */
  return { update, know };
}
