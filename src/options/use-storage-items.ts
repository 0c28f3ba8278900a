import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type ItemValues, readItems, type StorageItemName, storageItems, touches } from '../storage-items';

/**
 * The given items of `storage.local`, kept current: policy can change while the page is open, and
 * the background publishes every change there. `undefined` until the first read.
 */
export function useStorageItems<const N extends readonly StorageItemName[]>(
  names: N,
): ItemValues<N> | undefined {
  const [values, setValues] = useState<ItemValues<N>>();
  useEffect(() => {
    let live = true;
    const read = () =>
      readItems(browser.storage.local, names).then((read) => {
        if (live) setValues(() => read);
      });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (touches(changes, area, ...names.map((name) => storageItems[name]))) void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [names]);
  return values;
}
