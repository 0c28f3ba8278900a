import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Config } from '../config/schema';
import { formatDateTime, type MessageKey, t } from '../i18n';
import { type Send, typedSender } from '../messages';
import { useStorageItems } from '../options/use-storage-items';
import type { SignInFaultKind, SignInStatus } from '../sign-in/session';
import { readItem, storageItems, touches } from '../storage-items';

/**
 * The sign-in in words, where the coordinator works: who is signed in, "sign in again" when the
 * provider no longer renews it, and (on the options page) the last faults with what to fix.
 */

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

/** The sign-in status from `storage.session`, kept current; undefined until read. */
export function useSignInStatus(): SignInStatus | undefined {
  const [status, setStatus] = useState<SignInStatus>();
  useEffect(() => {
    let live = true;
    const read = () =>
      readItem(browser.storage.session, storageItems.signInStatus).then((next) => live && setStatus(next));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (touches(changes, area, storageItems.signInStatus)) void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return status;
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

const runtimeSend: Send = typedSender((message) => browser.runtime.sendMessage(message));

function useAction(send: Send, type: 'sign-in' | 'sign-out') {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    await send({ type })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
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
  const status = useSignInStatus();
  const config = useStorageItems(CONFIG_ITEMS)?.configStatus?.config;
  const signIn = useAction(send, 'sign-in');
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
  const status = useSignInStatus();
  const signIn = useAction(send, 'sign-in');
  const signOut = useAction(send, 'sign-out');
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
