/** The secure value of each preference that must never change; a window may not deviate from any. */
const REQUIRED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
} as const;

/**
 * The webPreferences every Faktor window gets (checklist items 2–4, 6, 8–11). Kept as a plain object
 * so it is unit-tested without Electron; `platform/window.ts` passes it to BrowserWindow and refuses
 * to create a window whose preferences fail `findInsecurePreferences`.
 */
export function secureWebPreferences(preloadPath: string, devTools: boolean) {
  return {
    preload: preloadPath,
    ...REQUIRED,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The Linux/Windows spellchecker downloads dictionaries from a Google CDN; a code app needs none.
    spellcheck: false,
    devTools,
  } as const;
}

/** Preferences that may not be set at all (they enable web-platform features we do not want). */
const FORBIDDEN_KEYS = ['enableBlinkFeatures'];

/**
 * Names of the preferences in `prefs` that deviate from the secure baseline (empty = fine). A
 * missing key counts as a deviation: we do not rely on Electron's defaults staying the same.
 */
export function findInsecurePreferences(prefs: Readonly<Record<string, unknown>>): string[] {
  const bad = Object.keys(REQUIRED).filter(
    (k) => prefs[k] !== REQUIRED[k as keyof typeof REQUIRED],
  );
  for (const k of FORBIDDEN_KEYS) if (prefs[k] !== undefined) bad.push(k);
  return bad;
}
