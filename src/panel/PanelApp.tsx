import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readUserSettings } from '../config/read-user-settings';
import { ownSettings } from '../config/user-settings';
import type { ExtractedFields } from '../detection/detect-referral';
import { t } from '../i18n';
import { typedSender } from '../messages';
import { DEFAULT_PANEL_CONFIG, type PanelConfig, PanelConfigSchema } from '../panel-config/schema';
import { itemEntry, readItem, storageItems, touches } from '../storage-items';
import { SignInNotice, useWhoIsWorking } from '../ui/SignInStatus';
import { ActionGateProvider } from './ActionGate';
import { HostConnection } from './host-connection';
import { Panel } from './Panel';
import { PanelShell } from './PanelShell';
import { type PanelPlacement, readPlacement } from './panel-placement';
import type { FromPanel, ToPanel } from './panel-protocol';
import { ReferralList } from './ReferralList';
import './panel.css';

type Shown = Extract<ToPanel, { type: 'show' }>;

/** The content script answers at once; a slow answer means it is gone. */
const CONFIRM_TIMEOUT_MS = 3000;

const send = typedSender((message) => browser.runtime.sendMessage(message));

async function savePlacement(next: PanelPlacement, before: PanelPlacement | undefined): Promise<void> {
  await browser.storage.local.set(itemEntry(storageItems.panelPlacement, { collapsed: next.collapsed }));
  if (next.side === before?.side || next.sideLocked) return;
  const own = ownSettings(await readItem(browser.storage.local, storageItems.userSettings));
  await browser.storage.local.set(itemEntry(storageItems.userSettings, { ...own, panelSide: next.side }));
}

async function readPanelConfig(): Promise<PanelConfig> {
  const parsed = PanelConfigSchema.safeParse(await readItem(browser.storage.local, storageItems.panelConfig));
  return parsed.success ? parsed.data : DEFAULT_PANEL_CONFIG;
}

/** The coordinator's name and initials, given the first time an action needs them. */
async function saveWho(name: string, initials: string): Promise<void> {
  const own = ownSettings(await readItem(browser.storage.local, storageItems.userSettings));
  const effective = await readUserSettings(browser.storage.local);
  await browser.storage.local.set(
    itemEntry(storageItems.userSettings, { ...own, name, initials: initials || effective.initials }),
  );
}

/**
 * Moves whenever the queue may have changed elsewhere: the background's signal where this frame
 * can see it (Firefox gives a framed extension page no session storage), and whenever the tab
 * comes back into view, which covers the same referral worked on in another tab in every browser.
 */
function useQueueRevision(): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const next = () => setRevision((n) => n + 1);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (touches(changes, area, storageItems.queueChangedAt)) next();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') next();
    };
    browser.storage.onChanged.addListener(onChanged);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return revision;
}

/**
 * What the panel needs before it can draw a referral, asked for as the panel starts: the storage
 * reads then run while the page hands the panel its referral, not after the first render.
 */
interface FirstReads {
  placement: Promise<PanelPlacement>;
  config: Promise<PanelConfig>;
}

function PanelApp({ host, first }: { host: HostConnection; first: FirstReads }) {
  const [shown, setShown] = useState<Shown>();
  const [placement, setPlacement] = useState<PanelPlacement>();
  const [config, setConfig] = useState<PanelConfig>(DEFAULT_PANEL_CONFIG);
  const [stateLine, setStateLine] = useState<string>();
  const [working] = useWhoIsWorking(send);
  // Given in this panel just now: the action waiting for it goes on before the background re-reads.
  const [whoGiven, setWhoGiven] = useState(false);
  const selectorAnswer = useRef<(matching: string[]) => void>();
  const onScreenAnswer = useRef<(same: boolean) => void>();
  const outline = useRef<HTMLElement>(null);

  const queueRevision = useQueueRevision();
  const post = (message: FromPanel) => host.post(message);
  // Layout effects run right after the first render; effects would wait for the next frame, and
  // the referral may have arrived already.
  useLayoutEffect(
    () =>
      host.listen((message) => {
        if (message.type === 'show') setShown(message);
        else if (message.type === 'toggle-collapsed')
          setPlacement((current) => current && save({ ...current, collapsed: !current.collapsed }));
        else if (message.type === 'selectors-checked') selectorAnswer.current?.(message.matching);
        else if (message.type === 'on-screen-confirmed') onScreenAnswer.current?.(message.same);
      }),
    [],
  );

  const placed = useRef<PanelPlacement>();
  placed.current = placement;
  const save = (next: PanelPlacement) => {
    savePlacement(next, placed.current).catch(() => {});
    return next;
  };

  useLayoutEffect(() => {
    void first.placement.then(setPlacement);
    void first.config.then(setConfig);
    // An admin's new checklist or scripts reach an open panel without a reload.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (touches(changes, area, storageItems.panelConfig)) void readPanelConfig().then(setConfig);
      // The position set on the options page, or by policy, moves an open panel too.
      if (touches(changes, area, storageItems.userSettings, storageItems.managedUserSettings))
        void readPlacement(browser.storage.local).then(setPlacement);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  // The frame on the page takes exactly the panel's room, which the page makes for it: it must not
  // cover the EHR. Expanded, that room is fixed whatever the panel shows (its width, the window's
  // height): a page that measures the frame must not learn whether its referral is in the queue.
  useEffect(() => {
    const element = outline.current;
    if (!element || !placement) return;
    const report = () =>
      post({
        type: 'layout',
        title: document.title,
        side: placement.side,
        width: element.offsetWidth,
        height: placement.collapsed ? element.offsetHeight : 0,
        collapsed: placement.collapsed,
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

  // No answer in time (the page's content script is gone) is not a confirmation.
  const confirmOnScreen = (row?: ExtractedFields) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), CONFIRM_TIMEOUT_MS);
      onScreenAnswer.current = (same) => {
        clearTimeout(timer);
        resolve(same);
      };
      post({ type: 'confirm-on-screen', row });
    });

  const who = {
    known: whoGiven || Boolean(working?.coordinator),
    me: working?.coordinator ?? undefined,
    save: async (name: string, initials: string) => {
      await saveWho(name, initials);
      setWhoGiven(true);
    },
  };

  if (!shown || !placement) return null;
  return (
    <PanelShell
      panelRef={outline}
      placement={placement}
      stateLine={stateLine}
      onPlacementChange={(next) => setPlacement(save(next))}
    >
      <SignInNotice send={send} />
      <ActionGateProvider>
        {shown.detection.rows ? (
          <ReferralList
            {...shown}
            detection={{ ...shown.detection, rows: shown.detection.rows }}
            config={config}
            send={send}
            checkSelectors={checkSelectors}
            confirmRow={confirmOnScreen}
            onDismiss={() => post({ type: 'dismissed' })}
            who={who}
          />
        ) : (
          <Panel
            {...shown}
            config={config}
            send={send}
            checkSelectors={checkSelectors}
            confirmOnScreen={() => confirmOnScreen()}
            onDismiss={() => post({ type: 'dismissed' })}
            onStateLine={setStateLine}
            who={who}
            queueRevision={queueRevision}
          />
        )}
      </ActionGateProvider>
    </PanelShell>
  );
}

export function mountPanel(): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('panelTitle');
  const host = new HostConnection();
  const first: FirstReads = { placement: readPlacement(browser.storage.local), config: readPanelConfig() };
  const app = document.getElementById('app');
  if (app) render(<PanelApp host={host} first={first} />, app);
}
