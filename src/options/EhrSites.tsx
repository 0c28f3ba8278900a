import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { EhrSite } from '../background/ehr-sites';
import { type EhrOrigin, originFromInput, originPattern } from '../config/ehr-origins';
import { DEMO_EHR_MATCHES } from '../demo-ehr-origins';
import { t } from '../i18n';
import { itemEntry, storageItems } from '../storage-items';

interface Props {
  sites: EhrSite[];
  userOrigins: EhrOrigin[];
  /** The admin locked `userEhrOrigins`: only the policy's sites count. */
  locked: boolean;
}

/** Where Handoff runs: the demo EHR, the sites policy enables and the ones the coordinator adds. */
export function EhrSites({ sites, userOrigins, locked }: Props) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState('');

  const add = async (event: Event) => {
    event.preventDefault();
    const origin = originFromInput(input);
    if (!origin) {
      setMessage(t('optionsSiteInvalid'));
      return;
    }
    // Asked inside the click: browsers only show the permission prompt for a user gesture.
    const granted = await browser.permissions
      .request({ origins: [originPattern(origin)] })
      .catch(() => false);
    if (!granted) {
      setMessage(t('optionsSiteRefused', origin));
      return;
    }
    const next = [...new Set([...userOrigins, origin])];
    await browser.storage.local.set(itemEntry(storageItems.userEhrOrigins, next));
    setInput('');
    setMessage(t('optionsSiteAdded', origin));
  };

  const remove = async (origin: EhrOrigin) => {
    await browser.storage.local.set(
      itemEntry(
        storageItems.userEhrOrigins,
        userOrigins.filter((o) => o !== origin),
      ),
    );
    setMessage(t('optionsSiteRemoved', origin));
  };

  const grant = async (origin: EhrOrigin) => {
    const granted = await browser.permissions
      .request({ origins: [originPattern(origin)] })
      .catch(() => false);
    setMessage(t(granted ? 'optionsSiteAdded' : 'optionsSiteRefused', origin));
  };

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
      <p>{t('optionsSitesIntro')}</p>
      <table class="data" data-testid="ehr-sites">
        <thead>
          <tr>
            <th scope="col">{t('optionsSite')}</th>
            <th scope="col">{t('optionsEnabledBy')}</th>
            <th scope="col">{t('optionsSiteRuns')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('optionsActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {DEMO_EHR_MATCHES.map((pattern) => (
            <tr key={pattern}>
              <td>{pattern.replace('/*', '')}</td>
              <td>{t('optionsEnabledByDemo')}</td>
              <td>{t('optionsYes')}</td>
              <td />
            </tr>
          ))}
          {sites.map((site) => (
            <tr key={site.origin} data-origin={site.origin}>
              <td>{site.origin}</td>
              <td>{t(site.enabledBy === 'policy' ? 'optionsEnabledByPolicy' : 'optionsEnabledByUser')}</td>
              <td>{site.granted ? t('optionsYes') : t('optionsSiteNotGranted')}</td>
              <td>
                {!site.granted && (
                  <button type="button" onClick={() => void grant(site.origin)}>
                    {t('optionsSiteGrant', site.origin)}
                  </button>
                )}
                {site.enabledBy === 'user' && (
                  <button type="button" onClick={() => void remove(site.origin)}>
                    {t('optionsSiteRemove', site.origin)}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {locked ? (
        <p class="source-note" data-read-only="true">
          {t('optionsSitesLocked')}
        </p>
      ) : (
        <form onSubmit={add} class="inline-form">
          <label for="new-site">{t('optionsSiteAddLabel')}</label>
          <input
            id="new-site"
            value={input}
            placeholder="https://ehr.example.org"
            onInput={(e) => setInput(e.currentTarget.value)}
          />
          <button type="submit">{t('optionsSiteAdd')}</button>
        </form>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
