import type { ComponentChildren, Ref } from 'preact';
import { t } from '../i18n';

export interface PanelPlacement {
  side: 'left' | 'right';
  collapsed: boolean;
  /** The organisation fixed the side: the panel cannot be moved. */
  sideLocked?: boolean;
}

/**
 * The expanded panel's height in pixels (less on a shorter screen), the same for every referral
 * and state: its body scrolls instead of the panel growing.
 */
export const EXPANDED_HEIGHT = 720;

interface ShellProps {
  placement: PanelPlacement;
  onPlacementChange: (placement: PanelPlacement) => void;
  /** The panel's outline, measured so that its frame on the page takes exactly its room. */
  panelRef?: Ref<HTMLElement>;
  children: ComponentChildren;
}

/**
 * The docked frame around every panel: collapsible to a small tab and movable to the other side,
 * so it never covers the EHR's own controls for good. Its placement is remembered.
 */
export function PanelShell({ placement, onPlacementChange, panelRef, children }: ShellProps) {
  const { side, collapsed } = placement;
  const other = side === 'right' ? 'left' : 'right';
  return (
    <main
      ref={panelRef}
      class={`panel${collapsed ? ' collapsed' : ''}`}
      style={collapsed ? undefined : { height: `min(${EXPANDED_HEIGHT}px, 100vh)` }}
      aria-label={t('panelTitle')}
    >
      <header>
        <h1>{t('panelTitle')}</h1>
        <div class="header-buttons">
          {!placement.sideLocked && (
            <button
              type="button"
              class="icon"
              aria-label={t(other === 'left' ? 'moveLeft' : 'moveRight')}
              title={t(other === 'left' ? 'moveLeft' : 'moveRight')}
              onClick={() => onPlacementChange({ ...placement, side: other })}
            >
              ⇆
            </button>
          )}
          <button
            type="button"
            class="icon"
            aria-expanded={!collapsed}
            aria-label={collapsed ? t('expandPanel') : t('collapsePanel')}
            title={collapsed ? t('expandPanel') : t('collapsePanel')}
            onClick={() => onPlacementChange({ ...placement, collapsed: !collapsed })}
          >
            {collapsed ? '+' : '−'}
          </button>
        </div>
      </header>
      {/* Kept mounted while collapsed: a half-typed note or an open tab survives a collapse. */}
      <div class="body" hidden={collapsed}>
        {children}
      </div>
    </main>
  );
}
