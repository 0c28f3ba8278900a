// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import content from '../../entrypoints/content-script';
import { fillRuntimePorts, sendRuntimeMessage as trigger } from './background-browser';

/**
 * The panel lives in a closed shadow root on the EHR page: the page's scripts see the host element
 * but cannot reach through it to the panel's frame (and so cannot restyle it, read its address or
 * post into it). The end-to-end hostile pages try harder (attachInternals, a patched attachShadow).
 */
beforeEach(() => {
  fillRuntimePorts();
  document.documentElement.innerHTML =
    '<head><title>Chart</title></head><body><h1>Demographics</h1><p>Dana Sample</p></body>';
});

describe("the page cannot reach the panel's frame", () => {
  it('sees the host, but no shadow root and no frame', async () => {
    await content.main();
    await trigger({ type: 'open-panel-manually' }, { id: fakeBrowser.runtime.id });
    const host = document.querySelector('[data-handoff-panel]');
    expect(host).not.toBeNull();
    expect(host?.shadowRoot).toBeNull();
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(host?.children).toHaveLength(0);
  });
});
