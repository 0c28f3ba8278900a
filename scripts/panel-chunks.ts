import type { Rollup } from 'vite';

/** The panel's entrypoint, by WXT's name for it (`entrypoints/panel/`). */
export const PANEL_ENTRYPOINT = 'panel';

/** The entries this rule tells apart, by their module ids. */
const PANEL_ENTRY = new RegExp(`/entrypoints/${PANEL_ENTRYPOINT}/index\\.html$`);
const BACKGROUND_ENTRY = /\/entrypoints\/background\.ts$/;

/**
 * The panel's modules that the background runs too, and those other extension pages use too. The
 * rest of what the panel starts with stays in its own entry's file, with its style sheet.
 */
export const PANEL_CHUNKS = { withBackground: 'panel-shared', withPages: 'panel-ui' } as const;

/** Every module an entry runs as it starts: its static imports, all the way down. */
function startsWith(entry: string, info: Rollup.GetModuleInfo): Set<string> {
  const reached = new Set<string>();
  const next = [entry];
  for (let id = next.pop(); id !== undefined; id = next.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    next.push(...(info(id)?.importedIds ?? []));
  }
  return reached;
}

/**
 * Rollup's chunking rule for the extension pages' build (background included, as a module): the
 * panel starts with three files instead of the dozen shared chunks Rollup would make by default.
 * The panel loads inside the EHR page's tab on every referral screen, and each file costs its
 * frame a fetch and a module record on a busy machine.
 *
 * The files are cut along the lines that keep every other entry as it was:
 * - the modules the background runs as well: exactly what the service worker would have run
 *   anyway, so it never evaluates page code;
 * - the modules other pages use too (Preact, shared views): those pages load nothing of the
 *   panel's own, nor its style sheet;
 * - the panel's own modules, in its entry's file as Rollup puts them by default.
 * Modules the panel does not start with keep Rollup's default chunks.
 */
export function panelChunks(): Rollup.GetManualChunk {
  let starts: { panel: Set<string>; background: Set<string>; pages: Set<string> } | undefined;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!starts) {
      const entries = [...getModuleIds()].filter((moduleId) => getModuleInfo(moduleId)?.isEntry);
      const startOf = (ids: string[]) =>
        new Set(ids.flatMap((entry) => [...startsWith(entry, getModuleInfo)]));
      starts = {
        panel: startOf(entries.filter((entry) => PANEL_ENTRY.test(entry))),
        background: startOf(entries.filter((entry) => BACKGROUND_ENTRY.test(entry))),
        pages: startOf(entries.filter((entry) => !PANEL_ENTRY.test(entry) && !BACKGROUND_ENTRY.test(entry))),
      };
    }
    if (!starts.panel.has(id) || getModuleInfo(id)?.isEntry) return undefined;
    if (starts.background.has(id)) return PANEL_CHUNKS.withBackground;
    return starts.pages.has(id) ? PANEL_CHUNKS.withPages : undefined;
  };
}
