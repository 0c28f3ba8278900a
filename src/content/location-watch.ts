/**
 * Calls `onChange` when the page's address changes without a page load (single-page EHRs).
 * Only the browser can set it off: the Navigation API's `navigate` events count only when
 * trusted, and the address itself must have changed, so an event a page dispatches does nothing.
 * Browsers without the Navigation API are polled once a second.
 */
export function watchLocation(onChange: () => void, read: () => string = () => location.href): void {
  let last = read();
  const check = () => {
    const now = read();
    if (now === last) return;
    last = now;
    onChange();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener !== 'function') {
    setInterval(check, 1000);
    return;
  }
  // `navigate` fires before the new address is in place: look once the navigation has run.
  navigation.addEventListener('navigate', (event) => {
    if (event.isTrusted) setTimeout(check, 0);
  });
}
