import { browser } from 'wxt/browser';

/** The full-page queue, in a new tab; `search` carries filters (`?overdue=1`). */
export async function openDashboard(search = ''): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html${search}`) });
}

/** Where the process stalls, for a chosen period, with the exports. */
export async function openMetrics(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/metrics.html') });
}

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}

/** Chrome's side panel API, where this browser has one (Firefox uses its sidebar instead). */
function sidePanelApi(): SidePanelApi | undefined {
  const api = (browser as unknown as { sidePanel?: Partial<SidePanelApi> }).sidePanel;
  return typeof api?.open === 'function' ? (api as SidePanelApi) : undefined;
}

export function canOpenSidePanel(): boolean {
  return sidePanelApi() !== undefined;
}

/**
 * Opens the queue in the side panel of a window. Chrome allows it only during a user gesture,
 * so the window id is looked up beforehand and the call made straight from the click.
 */
export function openSidePanel(windowId: number): Promise<void> {
  const api = sidePanelApi();
  return api ? api.open({ windowId }) : Promise.resolve();
}
