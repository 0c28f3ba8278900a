import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ActionButton } from './ActionGate';

/**
 * "Not a referral", asked twice: the first click asks, the confirmation (gated like every action
 * that changes something) hides the panel on this page; for a `row` of a list, it marks that
 * row's referral only.
 */
export function NotAReferral({ onConfirm, row = false }: { onConfirm: () => void; row?: boolean }) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  // The question takes the focus, on its harmless choice.
  useEffect(() => {
    if (asking) cancel.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button type="button" class="link" onClick={() => setAsking(true)}>
        {t('notAReferral')}
      </button>
    );
  return (
    <fieldset class="confirm-action not-a-referral">
      <legend>{t(row ? 'notAReferralRowConfirm' : 'notAReferralConfirm')}</legend>
      <ActionButton
        class="primary"
        label={t(row ? 'notAReferralRowHide' : 'notAReferralHide')}
        onAction={onConfirm}
      />{' '}
      <button ref={cancel} type="button" class="secondary" onClick={() => setAsking(false)}>
        {t('qvCancel')}
      </button>
    </fieldset>
  );
}

/**
 * The panel on a page marked "not a referral": says so, and offers to undo it or to close the
 * panel. Shown right after the confirmation, and when the coordinator brings the panel back
 * from the page's right-click menu.
 */
export function HiddenHere({ onUndo, onClose }: { onUndo: () => void; onClose: () => void }) {
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => undo.current?.focus(), []);
  return (
    <section class="hidden-here">
      <p role="status">{t('notAReferralHidden')}</p>
      <div class="actions">
        <button ref={undo} type="button" class="primary" onClick={onUndo}>
          {t('notAReferralUndo')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {t('notAReferralClose')}
        </button>
      </div>
    </section>
  );
}
