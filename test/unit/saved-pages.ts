import { readFileSync } from 'node:fs';

/** Loads a saved page from test/fixtures/pages into the test document; its scripts never run. */
export function loadPage(name: string): Document {
  const html = readFileSync(`test/fixtures/pages/${name}.html`, 'utf8');
  document.documentElement.innerHTML = html.replace(/^<!DOCTYPE html>/i, '');
  return document;
}
