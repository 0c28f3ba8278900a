import { fakeBrowser } from 'wxt/testing/fake-browser';

type Sender = { id?: string; url?: string };

/** Delivers a runtime message to the listeners the code under test registered, as the browser would. */
export const sendRuntimeMessage = (message: unknown, sender: Sender) =>
  (fakeBrowser.runtime.onMessage.trigger as unknown as (m: unknown, s: Sender) => Promise<unknown[]>)(
    message,
    sender,
  );

/** A browser event that keeps its listeners and delivers to them: what the fake browser lacks. */
export function browserEvent<Args extends unknown[]>() {
  const listeners = new Set<(...args: Args) => unknown>();
  return {
    addListener: (listener: (...args: Args) => unknown) => void listeners.add(listener),
    removeListener: (listener: (...args: Args) => unknown) => void listeners.delete(listener),
    hasListener: (listener: (...args: Args) => unknown) => listeners.has(listener),
    fire: (...args: Args) => {
      for (const listener of listeners) listener(...args);
    },
  };
}

/**
 * What the fake browser leaves out and the background touches at start. Listeners are kept
 * (never dropped), so a test can deliver any of these events through the background's real wiring.
 */
export function fillBackgroundApis() {
  const events = {
    notificationClicked: browserEvent<[string]>(),
    menuClicked: browserEvent<[unknown, unknown]>(),
    command: browserEvent<[string]>(),
  };
  Object.assign(fakeBrowser.contextMenus, {
    onClicked: events.menuClicked,
    create: () => {},
    update: async () => {},
  });
  Object.assign(fakeBrowser.action, {
    setBadgeText: async () => {},
    setBadgeBackgroundColor: async () => {},
  });
  Object.assign(fakeBrowser.notifications, {
    onClicked: events.notificationClicked,
    create: async () => '',
    clear: async () => true,
    getAll: async () => ({}),
  });
  Object.assign(fakeBrowser.commands, { onCommand: events.command });
  Object.assign(fakeBrowser.runtime, { onConnect: browserEvent() });
  Object.assign(fakeBrowser.permissions, {
    onAdded: browserEvent(),
    onRemoved: browserEvent(),
    getAll: async () => ({ origins: [], permissions: [] }),
    contains: async () => true,
  });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: async () => [],
    registerContentScripts: async () => {},
    unregisterContentScripts: async () => {},
  });
  return events;
}

/**
 * Ports the code under test opens to the background, which the fake browser lacks: each stays
 * open and unanswered, as while the background has not answered yet. Returns the names asked for.
 */
export function fillRuntimePorts(): string[] {
  const opened: string[] = [];
  Object.assign(fakeBrowser.runtime, {
    connect: ({ name }: { name: string }) => {
      opened.push(name);
      return {
        name,
        onMessage: browserEvent(),
        onDisconnect: browserEvent(),
        postMessage: () => {},
        disconnect: () => {},
      };
    },
  });
  return opened;
}
