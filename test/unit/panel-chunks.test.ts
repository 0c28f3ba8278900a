import type { Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { PANEL_CHUNKS, panelChunks } from '../../scripts/panel-chunks';

/**
 * A small extension-pages build: the panel, the background (a module) and the options page, with
 * the modules each imports. Ids as Rollup gives them.
 */
const ROOT = '/work/handoff';
const IMPORTS: Record<string, string[]> = {
  [`${ROOT}/entrypoints/panel/index.html`]: [`${ROOT}/entrypoints/panel/main.tsx`],
  [`${ROOT}/entrypoints/panel/main.tsx`]: [
    'preact',
    `${ROOT}/src/panel/Panel.tsx`,
    `${ROOT}/src/panel/panel.css`,
    `${ROOT}/src/messages.ts`,
  ],
  [`${ROOT}/src/panel/Panel.tsx`]: ['preact', `${ROOT}/src/config/schema.ts`],
  [`${ROOT}/src/panel/panel.css`]: [],
  [`${ROOT}/src/config/schema.ts`]: ['zod'],
  [`${ROOT}/src/messages.ts`]: [],
  [`${ROOT}/entrypoints/background.ts`]: [`${ROOT}/src/config/schema.ts`, `${ROOT}/src/queue/store.ts`],
  [`${ROOT}/src/queue/store.ts`]: ['idb'],
  [`${ROOT}/entrypoints/options/index.html`]: [`${ROOT}/src/options/Options.tsx`],
  [`${ROOT}/src/options/Options.tsx`]: ['preact', `${ROOT}/src/config/schema.ts`, `${ROOT}/src/messages.ts`],
  preact: [],
  // Modules may import each other in a cycle, as zod's do.
  zod: ['zod/v4/core'],
  'zod/v4/core': ['zod'],
  idb: [],
};
const ENTRIES = new Set([
  `${ROOT}/entrypoints/panel/index.html`,
  `${ROOT}/entrypoints/background.ts`,
  `${ROOT}/entrypoints/options/index.html`,
]);

const meta = {
  getModuleIds: () => Object.keys(IMPORTS)[Symbol.iterator](),
  getModuleInfo: (id: string) =>
    id in IMPORTS
      ? ({ id, isEntry: ENTRIES.has(id), importedIds: IMPORTS[id] } as unknown as Rollup.ModuleInfo)
      : null,
} as Rollup.ManualChunkMeta;

describe('the panel’s modules are built into three files, every other entry’s as before', () => {
  const chunkOf = panelChunks();
  const chunks = Object.fromEntries(Object.keys(IMPORTS).map((id) => [id, chunkOf(id, meta)]));

  it('puts what the background runs as well in one file, and only that', () => {
    expect(chunks[`${ROOT}/src/config/schema.ts`]).toBe(PANEL_CHUNKS.withBackground);
    expect(chunks.zod).toBe(PANEL_CHUNKS.withBackground);
    expect(chunks['zod/v4/core']).toBe(PANEL_CHUNKS.withBackground);
    // The background's own modules keep Rollup's default chunks: the panel never loads them.
    expect(chunks[`${ROOT}/src/queue/store.ts`]).toBeUndefined();
    expect(chunks.idb).toBeUndefined();
  });

  it('puts what other pages use too in another, which a service worker never imports', () => {
    expect(chunks.preact).toBe(PANEL_CHUNKS.withPages);
    expect(chunks[`${ROOT}/src/messages.ts`]).toBe(PANEL_CHUNKS.withPages);
  });

  it('leaves the panel’s own modules and style sheet to its entry’s file, and other pages’ to Rollup', () => {
    for (const id of [
      `${ROOT}/entrypoints/panel/main.tsx`,
      `${ROOT}/src/panel/Panel.tsx`,
      `${ROOT}/src/panel/panel.css`,
    ])
      expect(chunks[id]).toBeUndefined();
    for (const id of ENTRIES) expect(chunks[id]).toBeUndefined();
    expect(chunks[`${ROOT}/src/options/Options.tsx`]).toBeUndefined();
  });
});
