import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import { getMessageFrom } from './i18n-catalogue';

Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(en), getUILanguage: () => 'en-US' });

beforeEach(() => {
  fakeBrowser.reset();
});
