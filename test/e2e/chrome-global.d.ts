import type { Browser } from '@wxt-dev/browser';

declare global {
  /** The extension APIs as seen inside the service worker and extension pages under test. */
  const chrome: typeof Browser;
}
