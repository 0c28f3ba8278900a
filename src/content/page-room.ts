/**
 * The page makes room for the panel: while the panel is docked open, the EHR page is narrowed by
 * the panel's width (a margin on its root element), so nothing the page shows lies under the
 * panel. Bars the page fixes to the viewport (headers, footers, floating buttons) are not narrowed
 * by a margin: those that reach into the panel's strip are narrowed or moved out of it one by one.
 * Everything is put back as it was when the panel collapses or leaves the page.
 *
 * Only inline styles are touched, each saved first (value and priority) and restored exactly.
 * `!important` inline declarations win over any rule of the page's style sheets, `!important` or not.
 */

export type Side = 'left' | 'right';

interface SavedStyle {
  element: HTMLElement;
  /** Each property changed, with its inline value and priority before the change. */
  before: Map<string, [value: string, priority: string]>;
}

/** How far apart, in pixels, the strip under the panel is sampled for fixed elements. */
const SAMPLE_STEP = 24;
/** Elements the page fixes in place are adjusted at most this many at a time (a page may have thousands). */
const MAX_ADJUSTED = 50;

function save(saved: Map<HTMLElement, SavedStyle>, element: HTMLElement, property: string): void {
  let entry = saved.get(element);
  if (!entry) {
    entry = { element, before: new Map() };
    saved.set(element, entry);
  }
  if (!entry.before.has(property))
    entry.before.set(property, [
      element.style.getPropertyValue(property),
      element.style.getPropertyPriority(property),
    ]);
}

function restore({ element, before }: SavedStyle): void {
  for (const [property, [value, priority]] of before) {
    if (value) element.style.setProperty(property, value, priority);
    else element.style.removeProperty(property);
  }
  if (element.getAttribute('style') === '') element.removeAttribute('style');
}

/** The nearest element (itself or an ancestor) the page fixes to the viewport. */
function fixedAncestor(element: Element, root: Element): HTMLElement | undefined {
  const view = element.ownerDocument.defaultView;
  if (!view) return undefined;
  for (let at: Element | null = element; at && at !== root; at = at.parentElement) {
    if (at === at.ownerDocument.body) return undefined;
    if (at instanceof view.HTMLElement && view.getComputedStyle(at).position === 'fixed')
      return at as HTMLElement;
  }
  return undefined;
}

export class PageRoom {
  private readonly saved = new Map<HTMLElement, SavedStyle>();
  private reserved?: { side: Side; width: number };
  private readonly onResize = () => this.fitFixed();

  constructor(
    private readonly document: Document,
    /** The panel's own host, when it is built: never adjusted, never counted as the page's. */
    private readonly own: () => Element | undefined,
  ) {}

  private isOwn(element: Element): boolean {
    return element === this.own();
  }

  private holdsOwn(element: Element): boolean {
    const own = this.own();
    return own !== undefined && element.contains(own);
  }

  /** The room reserved now, if any. */
  get current(): { side: Side; width: number } | undefined {
    return this.reserved;
  }

  /** Makes (or keeps) room of `width` pixels on `side`; a different room replaces the last one. */
  reserve(side: Side, width: number): void {
    const room = Math.round(Math.min(Math.max(Number(width) || 0, 0), 800));
    if (this.reserved?.side === side && this.reserved.width === room) {
      this.fitFixed();
      return;
    }
    this.release();
    if (room === 0) return;
    const root = this.document.documentElement;
    const view = this.document.defaultView;
    const property = `margin-${side}`;
    // The page's own margin on its root is kept, with the panel's room added to it.
    const own = Number.parseFloat(view?.getComputedStyle(root).getPropertyValue(property) ?? '') || 0;
    save(this.saved, root, property);
    root.style.setProperty(property, `${own + room}px`, 'important');
    this.reserved = { side, width: room };
    view?.addEventListener('resize', this.onResize);
    this.fitFixed();
  }

  /** Gives the page back everything as it was. */
  release(): void {
    if (!this.reserved) return;
    this.document.defaultView?.removeEventListener('resize', this.onResize);
    for (const entry of this.saved.values()) restore(entry);
    this.saved.clear();
    this.reserved = undefined;
  }

  /**
   * Looks again for elements the page fixes to the viewport inside the panel's strip (a page may
   * add a bar after it loaded) and narrows or moves each out of it. Sampled along the strip with
   * `elementsFromPoint`, so a page with many elements pays for a few dozen hit tests, not a walk.
   */
  fitFixed(): void {
    const reserved = this.reserved;
    const view = this.document.defaultView;
    if (!reserved || !view) return;
    const root = this.document.documentElement;
    // The viewport without its scroll bar: where fixed elements are laid out.
    const width = root.clientWidth;
    const height = root.clientHeight;
    const stripStart = reserved.side === 'right' ? width - reserved.width : 0;
    const stripEnd = reserved.side === 'right' ? width : reserved.width;
    const found = new Set<HTMLElement>();
    const xs = [stripStart + 2, (stripStart + stripEnd) / 2, stripEnd - 2];
    for (let y = 1; y < height && found.size < MAX_ADJUSTED; y += SAMPLE_STEP) {
      for (const x of xs) {
        for (const element of this.document.elementsFromPoint(x, y)) {
          if (element === root || element === this.document.body || this.isOwn(element)) continue;
          const fixed = fixedAncestor(element, root);
          // A layer holding the panel itself is left alone: moving it would move the panel.
          if (fixed && !this.isOwn(fixed) && !this.holdsOwn(fixed)) found.add(fixed);
        }
      }
    }
    for (const element of found) this.moveOut(element, reserved, width);
  }

  private moveOut(element: HTMLElement, reserved: { side: Side; width: number }, viewport: number): void {
    const box = element.getBoundingClientRect();
    const free = viewport - reserved.width;
    const set = (property: string, value: string) => {
      save(this.saved, element, property);
      element.style.setProperty(property, value, 'important');
    };
    if (reserved.side === 'right') {
      if (box.right <= free + 0.5) return;
      if (box.left < free - 1) {
        // A bar across the page: keep where it starts, end it where the panel begins.
        set('left', `${Math.max(box.left, 0)}px`);
        set('right', `${reserved.width + Math.max(viewport - box.right, 0)}px`);
        set('width', 'auto');
        set('max-width', `${Math.max(free - Math.max(box.left, 0), 0)}px`);
      } else {
        // Wholly under the panel (a floating button, a toast): moved beside it.
        set('left', `${Math.max(box.left - reserved.width, 0)}px`);
        set('right', 'auto');
      }
      return;
    }
    if (box.left >= reserved.width - 0.5) return;
    if (box.right > reserved.width + 1) {
      const end = Math.min(box.right, viewport);
      set('left', `${reserved.width}px`);
      set('right', `${Math.max(viewport - end, 0)}px`);
      set('width', 'auto');
      set('max-width', `${Math.max(end - reserved.width, 0)}px`);
    } else {
      set('left', `${Math.min(box.left + reserved.width, Math.max(viewport - box.width, 0))}px`);
      set('right', 'auto');
    }
  }
}
