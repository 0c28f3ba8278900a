import { formatDateTime, t } from '../i18n';
import { ownershipOf, personLabel } from '../referral/ownership';
import type { Person, Referral } from '../referral/referral';
import { channelLabel, outcomeLabel, partyLabel } from '../ui/labels';

/**
 * A referral a colleague works, opened on this coordinator's screen: said at once, with the last
 * contact (what, by whom, when), so that two people never call the same patient.
 */
export function ColleagueOwns({ referral, me }: { referral: Referral; me: Person | undefined }) {
  if (!referral.owner || ownershipOf(referral, me) !== 'colleague') return null;
  const last = referral.outreach.at(-1);
  return (
    <p class="colleague-owns" role="note" data-testid="colleague-owns">
      <strong>{t('panelColleagueOwns', personLabel(referral.owner))}</strong>{' '}
      {last
        ? t('panelColleagueLastContact', [
            `${channelLabel(last.channel)} · ${partyLabel(last.party)} · ${outcomeLabel(last.outcome)}`,
            last.by || '—',
            formatDateTime(last.at),
          ])
        : t('panelColleagueNoContact')}
    </p>
  );
}
