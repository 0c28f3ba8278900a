// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionButton, ActionGateProvider, useGatedControl } from '../../src/panel/ActionGate';
import { SETTLE_MS } from '../../src/panel/visibility-gate';
import { until } from './until';
import { testVisibility } from './visibility';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const wait = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));
const button = (name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) ?? null;
const click = (element: HTMLElement | null) =>
  act(() => {
    if (!element) throw new Error('nothing to click');
    element.click();
  });
const notice = () => root.querySelector('[aria-live="polite"]');

function ManualTick() {
  const gated = useGatedControl();
  return (
    <label>
      <input type="checkbox" {...gated} /> Insurance card
    </label>
  );
}

async function mount(watch: ReturnType<typeof testVisibility>['watch'] | null, onAction: () => void) {
  const track = <ActionButton class="primary" label="Track referral" onAction={onAction} />;
  await act(() => {
    render(
      watch ? (
        <ActionGateProvider watch={watch}>
          {track}
          <ManualTick />
        </ActionGateProvider>
      ) : (
        track
      ),
      root,
    );
  });
}

describe('action gate where the browser tracks visibility', () => {
  it('pauses actions while the page covers the panel, says why in a live region, and ignores the click', async () => {
    const view = testVisibility();
    const onAction = vi.fn();
    await mount(view.watch, onAction);
    await act(() => view.cover());
    const track = button('Track referral');
    expect(track?.getAttribute('aria-disabled')).toBe('true');
    expect(track?.disabled).toBe(false); // still focusable, with its reason
    expect(track?.getAttribute('aria-describedby')).toBe(notice()?.id);
    expect(notice()?.textContent).toContain("Handoff's panel is covered by the page");
    await click(track);
    expect(onAction).not.toHaveBeenCalled();
    const tick = root.querySelector<HTMLInputElement>('input[type="checkbox"]');
    await click(tick);
    expect(tick?.checked).toBe(false);
  });

  it('answers once the panel has been seen whole for the settle time, with no notice', async () => {
    const view = testVisibility();
    const onAction = vi.fn();
    await mount(view.watch, onAction);
    await act(() => view.show());
    expect(button('Track referral')?.getAttribute('aria-disabled')).toBe('true');
    expect(notice()?.textContent).toBe('');
    await click(button('Track referral'));
    expect(onAction).not.toHaveBeenCalled();
    await until(() => !button('Track referral')?.hasAttribute('aria-disabled'), 'the gate to open');
    await click(button('Track referral'));
    expect(onAction).toHaveBeenCalledTimes(1);
    const tick = root.querySelector<HTMLInputElement>('input[type="checkbox"]');
    await click(tick);
    expect(tick?.checked).toBe(true);
  });

  it('pauses again when the page covers the panel after it was open, and waits again once uncovered', async () => {
    const view = testVisibility({ visibleFrom: performance.now() - SETTLE_MS - 1 });
    const onAction = vi.fn();
    await mount(view.watch, onAction);
    expect(button('Track referral')?.hasAttribute('aria-disabled')).toBe(false);
    await act(() => view.cover());
    await click(button('Track referral'));
    await act(() => view.show());
    await click(button('Track referral'));
    expect(onAction).not.toHaveBeenCalled();
    await until(() => !button('Track referral')?.hasAttribute('aria-disabled'), 'the gate to open');
  });

  it('never answers without a provider: nothing is known of the panel', async () => {
    const onAction = vi.fn();
    await mount(null, onAction);
    await wait(SETTLE_MS + 50);
    await click(button('Track referral'));
    expect(onAction).not.toHaveBeenCalled();
  });
});

describe('action gate where the browser cannot tell (Firefox)', () => {
  it('asks for a confirmation below the button, which a double click at one spot cannot give', async () => {
    const onAction = vi.fn();
    await mount(testVisibility({ tracksVisibility: false }).watch, onAction);
    const track = button('Track referral');
    await click(track);
    await click(track);
    expect(onAction).not.toHaveBeenCalled();
    expect(track?.getAttribute('aria-expanded')).toBe('true');
    const confirm = button('Confirm');
    expect(root.querySelector('fieldset legend')?.textContent).toContain('Track referral');
    expect(document.activeElement).toBe(confirm); // Enter or Space confirms from the keyboard
    expect(confirm?.getAttribute('aria-disabled')).toBe('true');
    await click(confirm);
    expect(onAction).not.toHaveBeenCalled();
    await until(() => !button('Confirm')?.hasAttribute('aria-disabled'), 'the confirmation to answer');
    await click(button('Confirm'));
    expect(onAction).toHaveBeenCalledTimes(1);
    expect(button('Confirm')).toBeNull();
  });

  it('cancels without acting', async () => {
    const onAction = vi.fn();
    await mount(testVisibility({ tracksVisibility: false }).watch, onAction);
    await click(button('Track referral'));
    await click(button('Cancel'));
    expect(button('Confirm')).toBeNull();
    await wait(SETTLE_MS + 20);
    expect(onAction).not.toHaveBeenCalled();
  });
});
