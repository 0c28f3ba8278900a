import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * The given `storage.local` keys, kept current: policy can change while the page is open, and the
 * background publishes every change there. `undefined` until the first read.
 */
export function useLocalStorage(keys: readonly string[]): Record<string, unknown> | undefined {
  const [values, setValues] = useState<Record<string, unknown>>();
  useEffect(() => {
    let live = true;
    const read = () =>
      browser.storage.local.get([...keys]).then((read) => {
        if (live) setValues(read);
      });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && keys.some((key) => key in changes)) void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [keys]);
  return values;
}
