import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Detection } from '../detection/detect-referral';
import type { Send } from '../messages';
import { Panel } from '../panel/Panel';
import panelCss from '../panel/panel.css?inline';

export const PANEL_HOST_TAG = 'handoff-panel';

/**
 * The panel lives in one `<handoff-panel>` element with an open shadow root, so the EHR's CSS
 * cannot restyle it and its CSS cannot leak into the EHR. Mounted at most once per page.
 */
export class PanelHost {
  private ui?: Promise<ShadowRootContentScriptUi<HTMLElement>>;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly send: Send,
  ) {}

  async show(detection: Detection): Promise<void> {
    this.ui ??= createShadowRootUi(this.ctx, {
      name: PANEL_HOST_TAG,
      position: 'inline',
      anchor: 'body',
      css: panelCss,
      isolateEvents: true,
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    const ui = await this.ui;
    if (!ui.mounted || !ui.shadowHost.isConnected) {
      ui.remove();
      ui.mount();
    }
    if (ui.mounted)
      render(<Panel detection={detection} pageUrl={location.href} send={this.send} />, ui.mounted);
  }

  async hide(): Promise<void> {
    (await this.ui)?.remove();
  }
}
