import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENT_SCRIPT_FILE } from '../../src/background/ehr-sites';
import { BUILD_DIR, benchExtensions } from '../browser';
import { figure, type SuiteResult } from '../report';

/** 60 KB: what the content script may weigh, minified, on every page it matches. */
const MAX_MINIFIED_BYTES = 60 * 1024;

/** Bytes the browser parses on every matching page and frame, as the build ships them. */
export async function contentScriptSizeSuite(): Promise<SuiteResult> {
  const source = readFileSync(join((await benchExtensions()).handoff, CONTENT_SCRIPT_FILE));
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
          file: relative(process.cwd(), join(BUILD_DIR, CONTENT_SCRIPT_FILE)),
          gzipBytes: gzipSync(source, { level: 9 }).byteLength,
          headroomBytes: MAX_MINIFIED_BYTES - source.byteLength,
          sha256: createHash('sha256').update(source).digest('hex'),
        },
      }),
    ],
  };
}
