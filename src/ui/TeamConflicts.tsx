import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import type { Send } from '../messages';
import { personLabel } from '../referral/ownership';
import { type Person, REFERRAL_STATUSES, type ReferralStatus } from '../referral/referral';
import type { ReferralConflicts } from '../team-queue/conflicts';
import type { FieldConflict } from '../team-queue/sync-records';
import { statusLabel } from './labels';

/**
 * The team queue's conflicts in the queue views (dashboard and side panel): a field this
 * coordinator and a colleague changed at once, the colleague's value (which stands) beside
 * this coordinator's, and a pick. Values are shown as plain text: they came from a server.
 */

const MAX_TEXT = 300;

function plain(value: unknown): string {
  if (value === undefined || value === null || value === '') return t('teamConflictEmpty');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined && inner !== null && typeof inner !== 'object')
      .map(([key, inner]) => `${key}: ${String(inner)}`)
      .join(', ');
  return '';
}

/** A conflicting value as a coordinator reads it: a state by its name, a date as a date. */
export function valueText(field: string, value: unknown): string {
  let text: string;
  if (field === 'status') {
    const { status, statusReason } = (value ?? {}) as { status?: unknown; statusReason?: unknown };
    const known = REFERRAL_STATUSES.includes(status as ReferralStatus);
    text = known ? statusLabel(status as ReferralStatus) : plain(status);
    if (typeof statusReason === 'string') text += ` (${statusReason})`;
  } else if (field === 'owner') {
    const owner = value as Person | undefined;
    text = typeof owner?.name === 'string' ? personLabel(owner) : t('ownerUnassigned');
  } else if (field.startsWith('dates.') && typeof value === 'number') text = formatDateTime(value);
  else text = plain(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

const FIELD_NAMES: Record<string, () => string> = {
  status: () => t('teamConflictFieldStatus'),
  owner: () => t('qvColOwner'),
};
const fieldText = (field: string) => FIELD_NAMES[field]?.() ?? field;

export function TeamConflicts(props: {
  send: Send;
  refreshes: number;
  onSettled: (message: string) => void;
}) {
  const { send, refreshes, onSettled } = props;
  const [groups, setGroups] = useState<ReferralConflicts[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    let current = true;
    send({ type: 'list-conflicts' })
      .then(({ conflicts }) => current && setGroups(conflicts))
      .catch(() => current && setGroups([]));
    return () => {
      current = false;
    };
  }, [send, refreshes]);

  if (groups.length === 0) return null;

  const pick = async (referralId: string, conflict: FieldConflict, keep: 'mine' | 'theirs') => {
    setBusy(true);
    setError('');
    try {
      await send({ type: 'settle-conflict', id: referralId, field: conflict.field, at: conflict.at, keep });
      const { conflicts } = await send({ type: 'list-conflicts' });
      setGroups(conflicts);
      onSettled(t('teamConflictSettled'));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="qv-conflicts" aria-labelledby="qv-conflicts-title" data-testid="team-conflicts">
      <h2 id="qv-conflicts-title">{t('teamConflictsHeading')}</h2>
      <p>{t('teamConflictsIntro')}</p>
      {error && (
        <p class="qv-error" role="alert">
          {t('errorPrefix', error)}
        </p>
      )}
      <ul>
        {groups.map((group) =>
          group.conflicts.map((conflict) => {
            const id = `qv-conflict-${group.referralId}-${conflict.at}-${conflict.field}`;
            return (
              <li key={id} aria-labelledby={id} data-field={conflict.field}>
                <h3 id={id}>
                  {group.patientName}: {fieldText(conflict.field)}
                </h3>
                <p>{t('teamConflictTheirs', valueText(conflict.field, conflict.theirs))}</p>
                <p>{t('teamConflictMine', valueText(conflict.field, conflict.mine))}</p>
                <div class="qv-conflict-actions">
                  <button
                    type="button"
                    class="qv-button"
                    disabled={busy}
                    aria-describedby={id}
                    onClick={() => void pick(group.referralId, conflict, 'theirs')}
                  >
                    {t('teamConflictKeepTheirs')}
                  </button>
                  <button
                    type="button"
                    class="qv-button"
                    disabled={busy}
                    aria-describedby={id}
                    onClick={() => void pick(group.referralId, conflict, 'mine')}
                  >
                    {t('teamConflictUseMine')}
                  </button>
                </div>
              </li>
            );
          }),
        )}
      </ul>
    </section>
  );
}
