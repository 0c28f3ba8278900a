import { t } from '../i18n';
import type { Referral } from '../referral/referral';

/** Opens the referral's printable patient letter and packet cover sheet, each in a new tab. */
export function PrintLinks({ referral }: { referral: Pick<Referral, 'id'> }) {
  const href = (doc: 'letter' | 'cover') => `/print.html?id=${encodeURIComponent(referral.id)}&doc=${doc}`;
  return (
    <p class="print-links">
      <a href={href('letter')} target="_blank" rel="noreferrer">
        {t('printLetter')}
        <span class="visually-hidden"> {t('qvNewTab')}</span>
      </a>{' '}
      <a href={href('cover')} target="_blank" rel="noreferrer">
        {t('printCover')}
        <span class="visually-hidden"> {t('qvNewTab')}</span>
      </a>
    </p>
  );
}
