import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENT_SCRIPT, EXTENSION_DIR, requireBuiltExtension } from '../browser';
import { figure, type SuiteResult } from '../report';

/** 60 KB: what the content script may weigh, minified, on every page it matches. */
const MAX_MINIFIED_BYTES = 60 * 1024;

/** Bytes the browser parses on every matching page and frame, as the build ships them. */
export async function contentScriptSizeSuite(): Promise<SuiteResult> {
  requireBuiltExtension();
  const source = readFileSync(join(EXTENSION_DIR, CONTENT_SCRIPT));
  return {
    name: 'content-script-size',
    figures: [
      figure({
        name: 'contentScriptSize',
        value: source.byteLength,
        unit: 'bytes',
        comparison: '<=',
        limit: MAX_MINIFIED_BYTES,
        detail: {
          file: join('.output/chrome-mv3', CONTENT_SCRIPT),
          gzipBytes: gzipSync(source, { level: 9 }).byteLength,
          headroomBytes: MAX_MINIFIED_BYTES - source.byteLength,
        },
      }),
    ],
  };
}
