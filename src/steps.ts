/**
 * Work in steps: a generator that pauses where its caller may let the page's main thread go, so a
 * long detection (a worklist of a hundred rows) can be spread over several tasks instead of
 * holding the page for the whole of it.
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * How long the content script may hold the page's main thread at a time while it reads a long
 * list: well under the 50 ms at which the browser counts a long task and the page feels stuck.
 */
export const SLICE_MS = 12;

/** Takes every step at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs steps to their end, a slice at a time: the first slice in the caller's task, each later one
 * in a task of its own once a slice has taken `sliceMs`, so the page's own work runs in between.
 * Work that ends within its first slice is done at once, as if it had been called directly, and
 * nothing is returned; otherwise a function that drops the rest of the work.
 */
export function inSlices<T>(
  steps: Steps<T>,
  done: (result: T) => void,
  sliceMs = SLICE_MS,
): (() => void) | undefined {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = (): boolean => {
    timer = undefined;
    const started = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        done(step.value);
        return true;
      }
      if (performance.now() - started >= sliceMs) {
        timer = setTimeout(slice, 0);
        return false;
      }
    }
  };
  if (slice()) return undefined;
  return () => {
    clearTimeout(timer);
    timer = undefined;
    steps.return(undefined as T);
  };
}
