import { z } from 'zod';
import { Settings } from './schemas';
import { DesktopStatus } from './desktop-schemas';

/** The app around the vault: settings, the OS locale, the desktop integration's state. */
export const appChannels = {
  'settings-get': { request: z.strictObject({}), response: Settings },
  'settings-set': { request: Settings.partial().strict(), response: Settings },
  /** The OS locale (for language 'system'). */
  'app-locale': {
    request: z.strictObject({}),
    response: z.strictObject({ locale: z.string().max(64) }),
  },
  /** Desktop integration: which global shortcuts are registered (docs/desktop.md). */
  'desktop-status': { request: z.strictObject({}), response: DesktopStatus },
} as const;
