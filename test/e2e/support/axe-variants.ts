/**
 * A pairwise-covering set of (language, theme, width) for the axe specs of the app and the server
 * pages: every pair of values of any two of the three appears at least once (8 full combinations cost
 * 4 more minutes of CI for no pair not already seen).
 */
export const AXE_VARIANTS = [
  ['en-US', 'light', 1280],
  ['en-US', 'dark', 480],
  ['de-DE', 'light', 480],
  ['de-DE', 'dark', 1280],
] as const;
