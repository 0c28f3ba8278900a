import { act } from 'preact/test-utils';

/** Waits, letting Preact render between tries, until `check` gives a value (component tests). */
export async function until<T>(
  check: () => T | null | undefined | false,
  what = 'the condition',
): Promise<T> {
  for (let tries = 0; tries < 200; tries += 1) {
    const value = check();
    if (value) return value;
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
  }
  throw new Error(`timed out waiting for ${what}`);
}
