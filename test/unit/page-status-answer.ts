/** Where the panel goes when the coordinator has not moved or collapsed it: in every page-status answer. */
export const DEFAULT_PLACEMENT = { side: 'right', collapsed: false } as const;
