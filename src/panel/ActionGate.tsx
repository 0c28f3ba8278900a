import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import {
  canConfirm,
  confirmationOpensAt,
  type Gate,
  gateAt,
  REPORT_DELAY_MS,
  type Sightings,
  sighted,
  UNSEEN,
} from './visibility-gate';

/** Reports whether the panel is seen whole, where the browser can tell. */
export interface VisibilityWatch {
  /** False where the browser has no IntersectionObserver v2 (Firefox): actions ask to be confirmed. */
  readonly tracksVisibility: boolean;
  /** Reports now and on every change; `flush` delivers reports the browser has not handed over yet. */
  observe(target: Element, report: (visible: boolean, at: number) => void): { stop(): void; flush(): void };
}

/** IntersectionObserver v2's options and answer, which TypeScript's DOM types do not have yet. */
type VisibilityInit = IntersectionObserverInit & { trackVisibility: boolean; delay: number };
type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

/**
 * IntersectionObserver v2 inside the panel's frame: `isVisible` is false while anything of the
 * EHR page lies over the frame (top layer included, and overlays that let clicks through) or an
 * ancestor makes it translucent, filtered or skewed. Times are `performance.now()` times.
 */
export const browserVisibility: VisibilityWatch = {
  tracksVisibility:
    typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype,
  observe(target, report) {
    const deliver = (entries: VisibilityEntry[]) => {
      for (const entry of entries) report(entry.isVisible === true, entry.time);
    };
    const init: VisibilityInit = { trackVisibility: true, delay: REPORT_DELAY_MS };
    const observer = new IntersectionObserver(deliver, init);
    observer.observe(target);
    return { stop: () => observer.disconnect(), flush: () => deliver(observer.takeRecords()) };
  },
};

interface GateValue {
  tracksVisibility: boolean;
  gate: Gate;
  /** Whether an action may run now, after taking any report the browser still holds. */
  mayAct: () => boolean;
}

/** Without a provider nothing is known of the panel's visibility: no action answers. */
const GateContext = createContext<GateValue>({
  tracksVisibility: true,
  gate: { open: false, reason: 'settling' },
  mayAct: () => false,
});

/** The notice each paused action points to (`aria-describedby`). */
const COVERED_NOTICE_ID = 'handoff-covered-notice';

/**
 * Watches the panel's own document and tells every action button whether it may answer. Says so,
 * in a live region, while the page covers the panel.
 */
export function ActionGateProvider({
  watch = browserVisibility,
  children,
}: {
  watch?: VisibilityWatch;
  children: ComponentChildren;
}) {
  const [sightings, setSightings] = useState<Sightings>(UNSEEN);
  const latest = useRef<Sightings>(UNSEEN);
  const flush = useRef<() => void>(() => {});
  // Re-renders when a settling gate is due to open.
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!watch.tracksVisibility) return;
    const watching = watch.observe(document.documentElement, (visible, at) => {
      latest.current = sighted(latest.current, visible, at);
      setSightings(latest.current);
    });
    flush.current = watching.flush;
    return watching.stop;
  }, [watch]);

  const gate = gateAt(sightings, performance.now());
  const opensAt = gate.open ? undefined : gate.opensAt;
  useEffect(() => {
    if (opensAt === undefined) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, opensAt - performance.now()) + 1);
    return () => clearTimeout(timer);
  }, [opensAt, tick]);

  const value: GateValue = {
    tracksVisibility: watch.tracksVisibility,
    gate,
    mayAct: () => {
      flush.current();
      return gateAt(latest.current, performance.now()).open;
    },
  };
  const covered = watch.tracksVisibility && !gate.open && gate.reason === 'covered';
  return (
    <GateContext.Provider value={value}>
      <p id={COVERED_NOTICE_ID} class={covered ? 'covered-notice' : 'sr-only'} aria-live="polite">
        {covered ? t('panelCovered') : ''}
      </p>
      {children}
    </GateContext.Provider>
  );
}

/**
 * The attributes of a control that writes to the queue (a button, a checkbox ticked by hand) where
 * the browser tracks visibility: paused (`aria-disabled`, still focusable, pointing to the notice)
 * until the panel has been seen whole long enough, its click cancelled meanwhile. Where the
 * browser cannot tell, nothing is paused here: buttons ask for a confirmation instead.
 */
export function useGatedControl() {
  const { tracksVisibility, gate, mayAct } = useContext(GateContext);
  const paused = tracksVisibility && !gate.open;
  return {
    'aria-disabled': paused || undefined,
    'aria-describedby': paused ? COVERED_NOTICE_ID : undefined,
    onClick: (event: Event) => {
      if (tracksVisibility && !mayAct()) event.preventDefault();
    },
  };
}

interface ActionButtonProps {
  /** The button's text, also named by its confirmation. */
  label: string;
  onAction: () => void;
  class?: string;
  disabled?: boolean;
  /** The accessible name, when several buttons share one label (a Track per row of a list). */
  ariaLabel?: string;
}

/**
 * A button that writes to the queue: paused while the panel is not seen whole (see
 * `useGatedControl`); where the browser cannot tell, its first press asks for a confirmation below it.
 */
export function ActionButton({ label, onAction, class: className, disabled, ariaLabel }: ActionButtonProps) {
  const { tracksVisibility } = useContext(GateContext);
  const gated = useGatedControl();
  const [armedAt, setArmedAt] = useState<number>();
  if (tracksVisibility) {
    return (
      <button
        type="button"
        class={className}
        disabled={disabled}
        aria-label={ariaLabel}
        {...gated}
        onClick={(event) => {
          gated.onClick(event);
          if (!event.defaultPrevented) onAction();
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        class={className}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-expanded={armedAt !== undefined}
        onClick={() => setArmedAt((armed) => armed ?? performance.now())}
      >
        {label}
      </button>
      {armedAt !== undefined && (
        <Confirmation
          label={label}
          armedAt={armedAt}
          onConfirm={() => {
            setArmedAt(undefined);
            onAction();
          }}
          onCancel={() => setArmedAt(undefined)}
        />
      )}
    </>
  );
}

/** The second step, below the action: focus moves to it; it answers only after a short wait. */
function Confirmation({
  label,
  armedAt,
  onConfirm,
  onCancel,
}: {
  label: string;
  armedAt: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    confirm.current?.focus();
    const timer = setTimeout(() => setReady(true), confirmationOpensAt(armedAt) - performance.now() + 1);
    return () => clearTimeout(timer);
  }, [armedAt]);
  return (
    <fieldset class="confirm-action">
      <legend>{t('confirmActionPrompt', label)}</legend>
      <div class="row">
        <button
          ref={confirm}
          type="button"
          class="primary"
          aria-disabled={!ready || undefined}
          onClick={() => {
            if (canConfirm(armedAt, performance.now())) onConfirm();
          }}
        >
          {t('confirmAction')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('qvCancel')}
        </button>
      </div>
    </fieldset>
  );
}
