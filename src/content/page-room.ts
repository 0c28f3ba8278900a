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

/** How long one look for the page's fixed elements may take, in milliseconds (checked every 256). */
const FIT_BUDGET_MS = 8;
const BUDGET_CHECK_EVERY = 256;
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

/** The walker's next element after the current one's subtree, or null at the end. */
function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}

/**
 * The viewport's width without its scroll bar, where fixed elements are laid out. In quirks mode
 * the root's client box is the document's, so the body's is used, as browsers do.
 */
function viewportWidth(document: Document): number {
  const box =
    document.compatMode === 'BackCompat' && document.body ? document.body : document.documentElement;
  return Math.min(box.clientWidth, document.defaultView?.innerWidth ?? Number.POSITIVE_INFINITY);
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

  /**
   * Makes (or keeps) room of `width` pixels on `side`; a different room replaces the last one.
   * The same room again changes nothing: the panel reports its layout several times as it starts,
   * and each walk for fixed bars would cost the page again (a resize has its own listener).
   */
  reserve(side: Side, width: number): void {
    const room = Math.round(Math.min(Math.max(Number(width) || 0, 0), 800));
    if (this.reserved?.side === side && this.reserved.width === room) return;
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
   * add a bar after it loaded) and narrows or moves each out of it. The page is walked in document
   * order within a time budget, skipping what a fixed element holds: a huge page is looked at only
   * as far as the budget goes (its bars come first), and never hangs. Hit testing would see only
   * what is on screen, but Chromium's list hit test can run for minutes on a hostile page.
   */
  fitFixed(): void {
    const reserved = this.reserved;
    const view = this.document.defaultView;
    const body = this.document.body;
    if (!reserved || !view || !body) return;
    const width = viewportWidth(this.document);
    const walker = this.document.createTreeWalker(body, view.NodeFilter.SHOW_ELEMENT);
    const started = performance.now();
    const found: HTMLElement[] = [];
    let seen = 0;
    let node = walker.nextNode();
    while (node && found.length < MAX_ADJUSTED) {
      seen += 1;
      if (seen % BUDGET_CHECK_EVERY === 0 && performance.now() - started > FIT_BUDGET_MS) break;
      const element = node as Element;
      // Only an element without an offset parent can be fixed (the rest are laid out in flow or
      // under a positioned ancestor): asking for the computed style of those alone keeps the
      // walk cheap on a page of thousands of elements.
      const outOfFlow =
        element instanceof view.HTMLElement && !this.isOwn(element) && element.offsetParent === null;
      const style = outOfFlow ? view.getComputedStyle(element) : undefined;
      const fixed = style?.position === 'fixed';
      // A layer holding the panel itself is left alone: moving it would move the panel.
      if (fixed && !this.holdsOwn(element)) found.push(element as HTMLElement);
      // What a fixed element holds moves with it, what a hidden one holds is not shown, and the
      // panel's own host is not the page's.
      const skip = fixed || style?.display === 'none' || this.isOwn(element);
      node = skip ? nextOutside(walker) : walker.nextNode();
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
