import { readEffectiveUserSettings } from '../config/read-user-settings';
import { readItem, type StorageArea, storageItems } from '../storage-items';

/** Where the panel sits on an EHR page. */
export interface PanelPlacement {
  side: 'left' | 'right';
  collapsed: boolean;
  /** The organisation fixed the side: the panel cannot be moved. */
  sideLocked?: boolean;
}

/**
 * The side is the coordinator's "panel position" setting (which policy may set or lock);
 * collapsed or not is remembered by the panel.
 */
export async function readPlacement(storage: StorageArea): Promise<PanelPlacement> {
  const [settings, saved] = await Promise.all([
    readEffectiveUserSettings(storage),
    readItem(storage, storageItems.panelPlacement),
  ]);
  return {
    side: settings.panelSide.value,
    collapsed: saved?.collapsed === true,
    sideLocked: settings.panelSide.readOnly,
  };
}
