import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Config } from '../config/schema';
import { formatDateTime, type MessageKey, t } from '../i18n';
import { type HandoffResponses, type Send, typedSender } from '../messages';
import { useStorageItems } from '../options/use-storage-items';
import type { SignInFaultKind, SignInStatus } from '../sign-in/session';
import { storageItems, touches } from '../storage-items';

/**
 * The sign-in in words, where the coordinator works: who is signed in, "sign in again" when the
 * provider no longer renews it, and (on the options page) the last faults with what to fix.
 */

const runtimeSend: Send = typedSender((message) => browser.runtime.sendMessage(message));

export const FAULT_TEXT: Record<SignInFaultKind, MessageKey> = {
  'not-configured': 'signInFault_not_configured',
  'client-id': 'signInFault_client_id',
  'issuer-unreachable': 'signInFault_issuer_unreachable',
  discovery: 'signInFault_discovery',
  'consent-denied': 'signInFault_consent_denied',
  cancelled: 'signInFault_cancelled',
  'state-mismatch': 'signInFault_state_mismatch',
  'pkce-mismatch': 'signInFault_pkce_mismatch',
  'wrong-audience': 'signInFault_wrong_audience',
  'clock-skew': 'signInFault_clock_skew',
  'refresh-expired': 'signInFault_refresh_expired',
  'token-refused': 'signInFault_token_refused',
  malformed: 'signInFault_malformed',
};

export type WhoIsWorking = HandoffResponses['who-is-working'];

/**
 * Who is working and the sign-in, asked of the background (Firefox gives the panel's frame no
 * `storage.session`), asked again when either changes; undefined until answered. The second
 * value asks again now, for the pages where the browser reports no change of `storage.session`.
 */
export function useWhoIsWorking(send: Send = runtimeSend): [WhoIsWorking | undefined, () => void] {
  const [who, setWho] = useState<WhoIsWorking>();
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    const read = () =>
      send({ type: 'who-is-working' })
        .then((next) => live && setWho(next))
        .catch(() => undefined);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (touches(changes, area, storageItems.signInStatus, storageItems.userSettings)) void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [send, asked]);
  return [who, () => setAsked((n) => n + 1)];
}

/** Whether the policy asks for sign-in: a client id and the team's FHIR server. */
export const signInConfigured = (config: Config | undefined) =>
  Boolean(config?.signIn.clientId && config.teamQueue.fhirBaseUrl);

function SignedInAs({ status }: { status: SignInStatus }) {
  const { user } = status;
  if (!user) return null;
  return (
    <p data-testid="signed-in-as">
      {user.fhirUser ? t('signInAsFhirUser', [user.name, user.fhirUser]) : t('signInAs', user.name)}
    </p>
  );
}

function useAction(send: Send, type: 'sign-in' | 'sign-out', done: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    await send({ type })
      .catch((e: Error) => setError(e.message))
      .finally(() => {
        setBusy(false);
        done();
      });
  };
  return { busy, error, run };
}

/** The latest fault, in words naming what to fix, with the provider's own text after it. */
const faultText = (status: SignInStatus) => {
  const [latest] = status.faults;
  return latest ? `${t(FAULT_TEXT[latest.kind])} (${latest.detail})` : '';
};

/**
 * For the panel and the side panel: nothing while signed in (or when sign-in is not configured),
 * "sign in" or "sign in again" with its button otherwise.
 */
export function SignInNotice({ send = runtimeSend, class: className }: { send?: Send; class?: string }) {
  const [who, askAgain] = useWhoIsWorking(send);
  const status = who?.signIn;
  const config = useStorageItems(CONFIG_ITEMS)?.configStatus?.config;
  const signIn = useAction(send, 'sign-in', askAgain);
  if (!status || !signInConfigured(config) || status.state === 'signed-in') return null;
  const again = status.state === 'sign-in-again';
  return (
    <div
      class={className ?? 'sign-in-notice'}
      role="alert"
      data-testid="sign-in-notice"
      data-state={status.state}
    >
      <p>{t(again ? 'signInAgain' : 'signInSignedOut')}</p>
      {status.faults[0] && status.faults[0].at > Date.now() - 60 * 60_000 && <p>{faultText(status)}</p>}
      <button type="button" disabled={signIn.busy} onClick={() => void signIn.run()}>
        {signIn.busy ? t('signInWorking') : t(again ? 'signInAgainButton' : 'signInButton')}
      </button>
      {signIn.error && <p>{signIn.error}</p>}
    </div>
  );
}

const CONFIG_ITEMS = ['configStatus'] as const;

/** The options page's section: the state, sign in and out, and the last faults for diagnostics. */
export function SignInSection({ send = runtimeSend, config }: { send?: Send; config: Config | undefined }) {
  const [who, askAgain] = useWhoIsWorking(send);
  const status = who?.signIn;
  const signIn = useAction(send, 'sign-in', askAgain);
  const signOut = useAction(send, 'sign-out', askAgain);
  const configured = signInConfigured(config);
  return (
    <section aria-labelledby="sign-in-heading" data-testid="sign-in">
      <h2 id="sign-in-heading">{t('signInHeading')}</h2>
      {!configured && <p>{t('signInOff')}</p>}
      {configured && status && (
        <>
          {status.state === 'signed-in' ? (
            <SignedInAs status={status} />
          ) : (
            <p role="status">{t(status.state === 'sign-in-again' ? 'signInAgain' : 'signInSignedOut')}</p>
          )}
          <div class="actions">
            {status.state !== 'signed-in' && (
              <button type="button" disabled={signIn.busy} onClick={() => void signIn.run()}>
                {signIn.busy
                  ? t('signInWorking')
                  : t(status.state === 'sign-in-again' ? 'signInAgainButton' : 'signInButton')}
              </button>
            )}
            {status.state !== 'signed-out' && (
              <button type="button" disabled={signOut.busy} onClick={() => void signOut.run()}>
                {t('signOutButton')}
              </button>
            )}
          </div>
          {(signIn.error || signOut.error) && <p role="alert">{signIn.error || signOut.error}</p>}
        </>
      )}
      {status && status.faults.length > 0 && (
        <>
          <h3>{t('signInFaultsHeading')}</h3>
          <ul data-testid="sign-in-faults">
            {status.faults.map((fault) => (
              <li key={`${fault.at}-${fault.kind}`} data-kind={fault.kind}>
                {t('signInFaultLine', [formatDateTime(fault.at), t(FAULT_TEXT[fault.kind])])}{' '}
                <small>{fault.detail}</small>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
