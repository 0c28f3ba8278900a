import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Person } from '../referral/referral';

/** Whether Handoff knows who is working, and how the panel records it the first time it asks. */
export interface WhoIsWorking {
  known: boolean;
  /** The coordinator, when known: a referral a colleague owns is told apart from theirs. */
  me?: Person;
  save: (name: string, initials: string) => Promise<void>;
}

interface Pending {
  run: () => Promise<unknown>;
  settle: (outcome: { value?: unknown; error?: Error }) => void;
}

/**
 * Asks once, the first time an action needs an author (Track, Log outreach): the action waits for
 * the answer and then runs, under that name. Without `who` (tests, older callers) nothing is asked.
 */
export function useWhoIsWorking(who: WhoIsWorking | undefined) {
  const [pending, setPending] = useState<Pending>();
  const gate = <T,>(run: () => Promise<T>): Promise<T> => {
    if (!who || who.known) return run();
    return new Promise<T>((resolve, reject) => {
      setPending({
        run,
        settle: ({ value, error }) => (error ? reject(error) : resolve(value as T)),
      });
    });
  };
  const prompt = pending && who && (
    <WhoForm
      onSave={async (name, initials) => {
        await who.save(name, initials);
        setPending(undefined);
        await pending
          .run()
          .then((value) => pending.settle({ value }))
          .catch((error: Error) => pending.settle({ error }));
      }}
      onCancel={() => {
        setPending(undefined);
        pending.settle({ error: new Error(t('whoNeedsName')) });
      }}
    />
  );
  return { gate, prompt };
}

function WhoForm({
  onSave,
  onCancel,
}: {
  onSave: (name: string, initials: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [initials, setInitials] = useState('');
  const [error, setError] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!name.trim() && !initials.trim()) {
      setError(t('whoNeedsName'));
      return;
    }
    void onSave(name.trim().slice(0, 80), initials.trim().slice(0, 4)).catch((e: Error) =>
      setError(e.message),
    );
  };
  return (
    <form class="who" aria-labelledby="who-heading" onSubmit={submit}>
      <h2 id="who-heading">{t('whoHeading')}</h2>
      <p class="hint">{t('whoIntro')}</p>
      <label for="who-name">{t('whoName')}</label>
      <input
        ref={first}
        id="who-name"
        name="name"
        value={name}
        maxLength={80}
        autocomplete="name"
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <label for="who-initials">{t('whoInitials')}</label>
      <input
        id="who-initials"
        name="initials"
        value={initials}
        maxLength={4}
        size={6}
        autocomplete="off"
        onInput={(e) => setInitials(e.currentTarget.value)}
      />
      {error && <p role="alert">{error}</p>}
      <div class="actions">
        <button type="submit" class="primary">
          {t('whoSave')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('whoCancel')}
        </button>
      </div>
    </form>
  );
}
