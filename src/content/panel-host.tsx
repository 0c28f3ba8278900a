import { render } from 'preact';
import type { Detection } from '../detection/detect-referral';
import type { Send } from '../messages';
import { Panel } from '../panel/Panel';
import { DEFAULT_PLACEMENT, type PanelPlacement, PanelShell } from '../panel/PanelShell';
import panelCss from '../panel/panel.css?inline';
import type { Referral } from '../referral/referral';

export const PANEL_HOST_TAG = 'handoff-panel';
const PLACEMENT_KEY = 'panelPlacement';
/** Keys typed in the panel must not reach the EHR's own keyboard shortcuts. */
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

interface PlacementStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

interface Shown {
  detection: Detection;
  manual: boolean;
  tracked?: Referral | null;
}

/**
 * Creates the panel's `<handoff-panel>` host with an open shadow root. The page's CSS cannot
 * reach inside (`all: initial` stops inherited styles too), and the panel's CSS cannot leak out.
 * Written by hand rather than through WXT's UI helper, which would add 8 KB of positioning code
 * to a script that runs on every EHR page.
 */
function createHost(): { host: HTMLElement; container: HTMLElement } {
  const host = document.createElement(PANEL_HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host { all: initial !important; }\n${panelCss}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  for (const type of KEY_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  return { host, container };
}

/**
 * The panel on the page: mounted at most once, mounted again if the page removes it, and
 * placed where the coordinator last put it.
 */
export class PanelHost {
  private readonly host: HTMLElement;
  private readonly container: HTMLElement;
  private shown?: Shown;
  private placement: PanelPlacement = DEFAULT_PLACEMENT;
  private readonly placementLoaded: Promise<void>;

  constructor(
    private readonly send: Send,
    private readonly storage: PlacementStorage,
  ) {
    ({ host: this.host, container: this.container } = createHost());
    this.placementLoaded = storage
      .get(PLACEMENT_KEY)
      .then((stored) => {
        const saved = stored[PLACEMENT_KEY] as Partial<PanelPlacement> | undefined;
        this.placement = {
          side: saved?.side === 'left' ? 'left' : 'right',
          collapsed: saved?.collapsed === true,
        };
      })
      .catch(() => {});
  }

  get isShown(): boolean {
    return this.shown !== undefined;
  }

  /** False once the page has removed the panel's host element. */
  get isOnPage(): boolean {
    return this.host.isConnected;
  }

  /** `tracked`: the queue's answer for this detection, when the caller already has it. */
  async show(detection: Detection, manual = false, tracked?: Referral | null): Promise<void> {
    this.shown = { detection, manual, tracked };
    await this.placementLoaded;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.render();
  }

  hide(): void {
    this.shown = undefined;
    render(null, this.container);
    this.host.remove();
  }

  toggleCollapsed(): void {
    this.setPlacement({ ...this.placement, collapsed: !this.placement.collapsed });
  }

  private setPlacement(placement: PanelPlacement): void {
    this.placement = placement;
    this.storage.set({ [PLACEMENT_KEY]: placement }).catch(() => {});
    this.render();
  }

  private render(): void {
    if (!this.shown) return;
    const { detection, manual, tracked } = this.shown;
    // The answer is fresh only for the render that show() asked for: a later render (the panel
    // expanded again, say) lets the panel ask the queue itself.
    this.shown.tracked = undefined;
    render(
      <PanelShell placement={this.placement} onPlacementChange={(next) => this.setPlacement(next)}>
        <Panel
          detection={detection}
          manual={manual}
          pageUrl={location.href}
          send={this.send}
          onDismiss={() => this.hide()}
          knownReferral={tracked}
        />
      </PanelShell>,
      this.container,
    );
  }
}
