// biome-ignore lint/style/noRestrictedImports: the one module that configures zod before any schema is built.
import { z } from 'zod';

/**
 * Every module takes zod from here, so this runs before the first schema is built. zod's objects
 * otherwise probe for `eval` (`new Function("")`) when the first one is built: extension pages'
 * CSP forbids it, so the probe only ever fails, costs each page a few milliseconds at start and
 * files a CSP violation report. Jitless parsing is what those pages ran anyway.
 */
z.config({ jitless: true });

export { z };
