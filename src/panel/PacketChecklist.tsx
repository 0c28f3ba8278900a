import { useEffect, useState } from 'preact/hooks';
import type { ExtractedFields } from '../detection/detect-referral';
import { type MessageKey, t, tCount } from '../i18n';
import {
  canMarkSent,
  confirmManual,
  evaluateChecklist,
  type ItemResult,
  pickChecklist,
} from '../panel-config/checklist';
import type { Checklist, PanelConfig } from '../panel-config/schema';
import type { PacketGap, Referral } from '../referral/referral';
import { OVERRIDE_REASON_MIN, TRANSITIONS } from '../referral/state-machine';
import { evidenceWords } from '../ui/config-wording';
import { ActionButton, useGatedControl } from './ActionGate';

export interface PacketCheck {
  checklist?: Checklist;
  /** Undefined until the page has answered which checklist selectors it matches. */
  results?: ItemResult[];
  missingRequired: PacketGap[];
}

/** The checklist for the referral's specialty, checked against the page and the coordinator's ticks. */
export function usePacketCheck(
  config: PanelConfig,
  fields: ExtractedFields,
  confirmed: readonly string[],
  checkSelectors: (selectors: string[]) => Promise<string[]>,
): PacketCheck {
  const checklist = pickChecklist(config.checklists, fields.specialty);
  const selectors =
    checklist?.items.flatMap((item) => (item.check?.selector ? [item.check.selector] : [])) ?? [];
  const [matching, setMatching] = useState<ReadonlySet<string>>();
  const selectorsKey = JSON.stringify(selectors);
  useEffect(() => {
    let current = true;
    setMatching(undefined);
    void checkSelectors(selectors).then((found) => current && setMatching(new Set(found)));
    return () => {
      current = false;
    };
  }, [selectorsKey]);

  if (!checklist || !matching) return { checklist, missingRequired: [] };
  const results = confirmManual(
    evaluateChecklist(checklist, fields, (selector) => matching.has(selector), evidenceWords),
    confirmed,
    evidenceWords,
  );
  const missingRequired = results
    .filter((result) => result.required && result.state !== 'found')
    .map(({ id, label }) => ({ id, label }));
  return { checklist, results, missingRequired };
}

const MARK: Record<ItemResult['state'], string> = { found: '✓', missing: '✗', manual: '○' };
/** An optional item the page lacks is no gap: it is marked as a blank, not a cross. */
const OPTIONAL_MISSING = '–';

interface PacketChecklistProps {
  packet: PacketCheck;
  confirmed: readonly string[];
  onConfirmedChange: (ids: string[]) => void;
}

/** The checklist itself; "Mark packet sent" is the panel's primary action, always in view (`MarkSent`). */
export function PacketChecklist({ packet, confirmed, onConfirmedChange }: PacketChecklistProps) {
  const { checklist, results, missingRequired } = packet;
  // A tick by hand is recorded with the referral: a decoy click must not tick it either.
  const gated = useGatedControl();
  if (!checklist) return <p class="hint">{t('packetNoChecklist')}</p>;
  if (!results) return <p>{t('packetChecking')}</p>;
  const byHand = new Set(checklist.items.filter((item) => !item.check).map((item) => item.id));
  // Items checked on the page that the coordinator confirmed themselves, or may.
  const confirmable = (item: ItemResult) =>
    !byHand.has(item.id) && (item.state === 'missing' || confirmed.includes(item.id));
  const toggle = (id: string, on: boolean) =>
    onConfirmedChange(on ? [...confirmed, id] : confirmed.filter((other) => other !== id));
  return (
    <section class="packet" aria-labelledby="packet-heading">
      <h2 id="packet-heading">{checklist.name}</h2>
      <p class={missingRequired.length ? 'summary gaps' : 'summary complete'}>
        {missingRequired.length ? tCount('packetMissing', missingRequired.length) : t('packetComplete')}
      </p>
      <ul class="checklist">
        {results.map((item) => (
          <li
            key={item.id}
            class={`item is-${item.state}${item.required ? '' : ' is-optional'}`}
            data-item={item.id}
          >
            {byHand.has(item.id) ? (
              <label class="manual-item">
                <input
                  type="checkbox"
                  {...gated}
                  checked={confirmed.includes(item.id)}
                  onChange={(event) => toggle(item.id, event.currentTarget.checked)}
                />
                <span>{item.label}</span>
              </label>
            ) : (
              <span class="item-label">
                <span class="mark" aria-hidden="true">
                  {item.state === 'missing' && !item.required ? OPTIONAL_MISSING : MARK[item.state]}
                </span>
                <span class="sr-only">{t(itemStateWords(item))}</span>
                {item.label}
              </span>
            )}
            {!item.required && <span class="optional"> {t('packetOptional')}</span>}
            {item.evidence && !byHand.has(item.id) && <span class="evidence">{item.evidence}</span>}
            {confirmable(item) && (
              <label class="confirm-by-hand">
                <input
                  type="checkbox"
                  {...gated}
                  checked={confirmed.includes(item.id)}
                  onChange={(event) => toggle(item.id, event.currentTarget.checked)}
                />
                {t('packetConfirmByHand')}
                <span class="sr-only">: {item.label}</span>
              </label>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Mark packet sent", for a tracked referral that may go to sent once the page has answered the
 * checklist: refused while a required item is missing, unless the coordinator gives a reason.
 */
export function MarkSent({
  packet,
  referral,
  onMarkSent,
}: {
  packet: PacketCheck;
  referral?: Referral;
  onMarkSent: (overrideReason?: string) => Promise<unknown>;
}) {
  const { results, missingRequired } = packet;
  if (!referral || !results || !TRANSITIONS[referral.status].includes('sent')) return null;
  return (
    <MarkSentButton missing={missingRequired} decide={() => canMarkSent(results)} onMarkSent={onMarkSent} />
  );
}

function itemStateWords(item: ItemResult): MessageKey {
  if (item.state === 'found') return 'packetFound';
  return item.required ? 'packetItemMissing' : 'packetItemOptionalMissing';
}

function MarkSentButton({
  missing,
  decide,
  onMarkSent,
}: {
  missing: PacketGap[];
  decide: () => { allowed: boolean };
  onMarkSent: (overrideReason?: string) => Promise<unknown>;
}) {
  const [blocked, setBlocked] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async (overrideReason?: string) => {
    setSaving(true);
    setError(undefined);
    try {
      await onMarkSent(overrideReason);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const markSent = () => {
    if (decide().allowed) void submit();
    else setBlocked(true);
  };
  return (
    <div class="mark-sent">
      {error && <p role="alert">{t('errorPrefix', error)}</p>}
      {blocked && missing.length > 0 ? (
        <div class="blocked">
          <p role="alert">{t('packetSendBlocked', missing.map((gap) => gap.label).join('; '))}</p>
          <label for="override-reason">{t('packetOverrideReason')}</label>
          <p id="override-reason-hint" class="hint">
            {t('packetOverrideReasonHint', String(OVERRIDE_REASON_MIN))}
          </p>
          <textarea
            id="override-reason"
            aria-describedby="override-reason-hint"
            rows={2}
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          <div class="row">
            <ActionButton
              class="primary"
              label={t('packetSendAnyway')}
              disabled={saving || reason.trim().length < OVERRIDE_REASON_MIN}
              onAction={() => void submit(reason)}
            />
            <button type="button" class="secondary" onClick={() => setBlocked(false)}>
              {t('qvCancel')}
            </button>
          </div>
        </div>
      ) : (
        <ActionButton class="primary" label={t('packetMarkSent')} disabled={saving} onAction={markSent} />
      )}
    </div>
  );
}
