/**
 * How long the content script may hold the page's main thread at a time while it reads a long
 * list: well under the 50 ms at which the browser counts a long task and the page feels stuck.
 */
export const SLICE_MS = 12;

/**
 * Runs steps to their end, a slice at a time: the first slice in the caller's task, each later one
 * in a task of its own once a slice has taken `sliceMs`, so the page's own work runs in between.
 * Work that ends within its first slice is done at once, as if it had been called directly.
 * Returns a function that drops the rest of the work.
 */
export function inSlices<T>(
  steps: Generator<void, T, void>,
  done: (result: T) => void,
  sliceMs = SLICE_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slice = () => {
    timer = undefined;
    const started = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        done(step.value);
        return;
      }
      if (performance.now() - started >= sliceMs) {
        timer = setTimeout(slice, 0);
        return;
      }
    }
  };
  slice();
  return () => {
    clearTimeout(timer);
    timer = undefined;
    steps.return(undefined as T);
  };
}
