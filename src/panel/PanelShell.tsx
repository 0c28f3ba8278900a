import type { ComponentChildren, Ref } from 'preact';
import { t } from '../i18n';
import type { PanelPlacement } from './panel-placement';
import { PANEL_WIDTH_PX } from './panel-protocol';

interface ShellProps {
  placement: PanelPlacement;
  onPlacementChange: (placement: PanelPlacement) => void;
  /** The panel's outline, measured so that its frame on the page takes exactly its room. */
  panelRef?: Ref<HTMLElement>;
  /**
   * The referral's state and what is due, one line: under the title, so a collapsed panel still
   * says where the referral stands.
   */
  stateLine?: string;
  children: ComponentChildren;
}

/**
 * The docked frame around every panel: open, it fills the height of the room the page made for it
 * (the same for every referral and state: its body scrolls instead of the panel growing);
 * collapsible to a small tab that still shows the state line, and movable to the other side. Its
 * placement is remembered.
 */
export function PanelShell({ placement, onPlacementChange, panelRef, stateLine, children }: ShellProps) {
  const { side, collapsed } = placement;
  const other = side === 'right' ? 'left' : 'right';
  return (
    <main
      ref={panelRef}
      class={`panel${collapsed ? ' collapsed' : ''}`}
      // The page makes this much room before the panel has loaded (see PanelFrame).
      style={{ width: `${PANEL_WIDTH_PX}px` }}
      aria-label={t('panelTitle')}
    >
      <header>
        <div class="title">
          <h1>{t('panelTitle')}</h1>
          {collapsed && stateLine && <p class="state-line">{stateLine}</p>}
        </div>
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
