import type { Escalation, Referral } from '../referral/referral';
import { OpenEscalations } from '../ui/OpenEscalations';
import { PrintLinks } from '../ui/PrintLinks';
import { Timeline } from '../ui/Timeline';

/** The panel's History tab: open escalations to resolve, the printable documents, the timeline. */
export function ReferralHistory({
  referral,
  onResolve,
}: {
  referral: Referral;
  onResolve: (escalation: Escalation, note: string) => Promise<unknown>;
}) {
  return (
    <div class="referral-history">
      <OpenEscalations referral={referral} onResolve={onResolve} />
      <PrintLinks referral={referral} />
      <Timeline referral={referral} headingLevel={2} />
    </div>
  );
}
