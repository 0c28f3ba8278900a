// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import content from '../../entrypoints/content-script';
import { fillRuntimePorts, sendRuntimeMessage as trigger } from './background-browser';

/**
 * The content script obeys panel commands (the "Track this page" menu, the toggle shortcut) from
 * Handoff's own background only: another extension that can message the tab must not open a
 * panel over the patient's chart.
 */
const panelsOnPage = () => document.querySelectorAll('[data-handoff-panel]').length;

beforeEach(() => {
  fillRuntimePorts();
  // A chart page that is not a referral: detection shows nothing, so any panel came from a command.
  document.documentElement.innerHTML =
    '<head><title>Chart</title></head><body><h1>Demographics</h1><p>Dana Sample</p></body>';
});

describe('panel commands reach the page only from Handoff itself', () => {
  it('opens the panel by hand when its own background asks', async () => {
    await content.main();
    expect(panelsOnPage()).toBe(0);
    await trigger({ type: 'open-panel-manually' }, { id: fakeBrowser.runtime.id });
    expect(panelsOnPage()).toBe(1);
  });

  it.each([
    ['another extension', { id: 'abcdefghijklmnopabcdefghijklmnop' }],
    ['a sender without an id', { url: 'https://ehr.example.org/' }],
  ])('ignores %s', async (_name, sender) => {
    await content.main();
    await trigger({ type: 'open-panel-manually' }, sender);
    expect(panelsOnPage()).toBe(0);
    // The same page still obeys Handoff afterwards: the refusal was about the sender.
    await trigger({ type: 'open-panel-manually' }, { id: fakeBrowser.runtime.id });
    expect(panelsOnPage()).toBe(1);
  });
});
