import { systemPreferences } from 'electron';
import type { OsVerifier } from '../ports';

/*
 * The Electron glue of OS unlock (docs/desktop.md, "OS unlock"; the decisions live in
 * services/os-unlock.ts). Type-checked against electron.d.ts only — the Electron binary cannot run on the
 * build machines; the manual check for macOS is in docs/known-gaps.md.
 *
 * - macOS: `systemPreferences.canPromptTouchID()` says whether a sensor with an enrolled finger is usable
 *   now (false on a closed lid without one, or in a locked-down account); `promptTouchID(reason)` shows the
 *   system prompt and resolves when the finger matched, rejects on cancel, failure or lock-out. A UI gate
 *   only: it does not release a keychain item.
 * - Windows: Windows Hello (UserConsentVerifier / KeyCredentialManager) is WinRT; Electron exposes no API for
 *   it, and the npm route (NodeRT `@nodert-win10-rs4/windows.security.credentials.ui`, 2018) is a native
 *   addon built at install for one Node ABI. Chromium's WebAuthn platform authenticator is refused on our
 *   `app://` origin (https/localhost only, electron/electron#24573). So: null, the password only.
 * - Linux: no standard user-verification prompt (polkit grants privileges; it is not a presence check for
 *   an app). null.
 */

/** The verifier for this platform; `platform` is injectable only to keep the decision in one place. */
export function electronOsVerifier(platform: NodeJS.Platform = process.platform): OsVerifier {
  if (platform !== 'darwin') return { available: async () => null, verify: async () => false };
  return {
    available: async () => (systemPreferences.canPromptTouchID() ? 'touch-id' : null),
    verify: (reason) =>
      systemPreferences.promptTouchID(reason).then(
        () => true,
        () => false,
      ),
  };
}
