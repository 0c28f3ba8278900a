import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PANEL_CONFIG_KEY } from '../detection/profile-store';
import { t } from '../i18n';
import { typedSender } from '../messages';
import { DEFAULT_PANEL_CONFIG, type PanelConfig, PanelConfigSchema } from '../panel-config/schema';
import { Panel } from './Panel';
import { type PanelPlacement, PanelShell } from './PanelShell';
import { type FromPanel, PANEL_PORT_PREFIX, type ToPanel } from './panel-protocol';
import './panel.css';

type Port = ReturnType<typeof browser.runtime.connect>;
type Shown = Extract<ToPanel, { type: 'show' }>;

const PLACEMENT_KEY = 'panelPlacement';
const send = typedSender((message) => browser.runtime.sendMessage(message));

async function readPlacement(): Promise<PanelPlacement> {
  const saved = (await browser.storage.local.get(PLACEMENT_KEY))[PLACEMENT_KEY] as
    | Partial<PanelPlacement>
    | undefined;
  return { side: saved?.side === 'left' ? 'left' : 'right', collapsed: saved?.collapsed === true };
}

async function readPanelConfig(): Promise<PanelConfig> {
  const stored = (await browser.storage.local.get(PANEL_CONFIG_KEY))[PANEL_CONFIG_KEY];
  const parsed = PanelConfigSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_PANEL_CONFIG;
}

/**
 * The content script that framed this page, reached through the port it opens under this frame's
 * token. Only that port is accepted: the token is in this frame's address, which the page cannot
 * read. Listening starts before the first render: the port opens as soon as the frame has loaded.
 */
class HostConnection {
  private port?: Port;
  private listener?: (message: ToPanel) => void;
  /** The latest "show", replayed to a listener that arrives after it. */
  private shown?: ToPanel;

  constructor() {
    const expected = PANEL_PORT_PREFIX + location.hash.slice(1);
    browser.runtime.onConnect.addListener((candidate: Port) => {
      if (candidate.name !== expected || candidate.sender?.id !== browser.runtime.id) return;
      this.port = candidate;
      candidate.onMessage.addListener((message) => this.receive(message as ToPanel));
    });
  }

  listen(listener: (message: ToPanel) => void): void {
    this.listener = listener;
    if (this.shown) listener(this.shown);
  }

  post(message: FromPanel): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // The page is gone; nothing is waiting for the answer.
    }
  }

  private receive(message: ToPanel): void {
    if (message.type === 'show') this.shown = message;
    this.listener?.(message);
  }
}

function PanelApp({ host }: { host: HostConnection }) {
  const [shown, setShown] = useState<Shown>();
  const [placement, setPlacement] = useState<PanelPlacement>();
  const [config, setConfig] = useState<PanelConfig>(DEFAULT_PANEL_CONFIG);
  const selectorAnswer = useRef<(matching: string[]) => void>();
  const outline = useRef<HTMLElement>(null);

  const post = (message: FromPanel) => host.post(message);
  useEffect(
    () =>
      host.listen((message) => {
        if (message.type === 'show') setShown(message);
        else if (message.type === 'toggle-collapsed')
          setPlacement((current) => current && save({ ...current, collapsed: !current.collapsed }));
        else if (message.type === 'selectors-checked') selectorAnswer.current?.(message.matching);
      }),
    [],
  );

  const save = (next: PanelPlacement) => {
    browser.storage.local.set({ [PLACEMENT_KEY]: next }).catch(() => {});
    return next;
  };

  useEffect(() => {
    void readPlacement().then(setPlacement);
    void readPanelConfig().then(setConfig);
    // An admin's new checklist or scripts reach an open panel without a reload.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && PANEL_CONFIG_KEY in changes) void readPanelConfig().then(setConfig);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  // The frame on the page takes exactly the panel's room, no more: it must not cover the EHR.
  useEffect(() => {
    const element = outline.current;
    if (!element || !placement) return;
    const report = () =>
      post({
        type: 'layout',
        side: placement.side,
        width: element.offsetWidth,
        height: element.offsetHeight,
      });
    report();
    const observer = new ResizeObserver(report);
    observer.observe(element);
    return () => observer.disconnect();
  }, [placement, shown !== undefined]);

  const checkSelectors = (selectors: string[]) =>
    new Promise<string[]>((resolve) => {
      if (selectors.length === 0) return resolve([]);
      selectorAnswer.current = resolve;
      post({ type: 'check-selectors', selectors });
    });

  if (!shown || !placement) return null;
  return (
    <PanelShell
      panelRef={outline}
      placement={placement}
      onPlacementChange={(next) => setPlacement(save(next))}
    >
      <Panel
        {...shown}
        config={config}
        send={send}
        checkSelectors={checkSelectors}
        onDismiss={() => post({ type: 'dismissed' })}
      />
    </PanelShell>
  );
}

export function mountPanel(): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('panelTitle');
  const host = new HostConnection();
  const app = document.getElementById('app');
  if (app) render(<PanelApp host={host} />, app);
}
