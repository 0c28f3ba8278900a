import type { ComponentChildren } from 'preact';

export interface TabSpec<Id extends string> {
  id: Id;
  label: string;
  /** A short count beside the label ("2" missing items), read out with it. */
  badge?: string;
}

interface TabsProps<Id extends string> {
  label: string;
  tabs: readonly TabSpec<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  children: ComponentChildren;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; Tab goes into the open panel. */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect, children }: TabsProps<Id>) {
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    (event.currentTarget as HTMLElement).parentElement
      ?.querySelector<HTMLElement>(`#tab-${next.id}`)
      ?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`tabpanel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
            {tab.badge && <span class="badge">{tab.badge}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${selected}`} aria-labelledby={`tab-${selected}`}>
        {children}
      </div>
    </div>
  );
}
