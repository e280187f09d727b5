import { FaktorError } from '../../../shared/errors';
import type { FileDialogs } from '../ports';
import type { PlainExportConsentText } from './plain-export-consent';

/**
 * Wording of the native questions main asks before an action that cannot be undone from this app:
 * blocking (sperren) a means at the Servicekonto server, removing this desktop's means there, and a
 * security key's factory reset. The renderer asks first; this native dialog is the consent a
 * compromised renderer cannot give (as for the plain export, plain-export-consent.ts).
 */

/** The actions that need main's own yes. */
export type DestructiveAction = 'block-means' | 'remove-device' | 'reset-key';

/** Both languages of each question; button 0 consents, "Cancel" is default and escape. */
export const DESTRUCTIVE_CONSENT: Readonly<
  Record<DestructiveAction, Readonly<Record<'de' | 'en', PlainExportConsentText>>>
> = {
  'block-means': {
    de: {
      title: 'Anmeldemittel sperren?',
      message: 'Das Anmeldemittel wird beim Servicekonto gesperrt.',
      detail:
        'Mit einem gesperrten Mittel kann sich niemand mehr anmelden. Entsperren geht nur über den Weg, den Ihr Servicekonto dafür vorsieht.',
      buttons: ['Sperren', 'Abbrechen'],
    },
    en: {
      title: 'Block this means?',
      message: 'The means will be blocked at the Servicekonto.',
      detail:
        'Nobody can log in with a blocked means. Unblocking is only possible the way your Servicekonto provides for it.',
      buttons: ['Block', 'Cancel'],
    },
  },
  'remove-device': {
    de: {
      title: 'Diesen Computer entfernen?',
      message: 'Dieser Computer wird als Anmeldemittel beim Servicekonto entfernt.',
      detail:
        'Danach können Sie sich nicht mehr mit diesem Computer anmelden, bis Sie ihn neu koppeln.',
      buttons: ['Entfernen', 'Abbrechen'],
    },
    en: {
      title: 'Remove this computer?',
      message: 'This computer will be removed as a means of your Servicekonto.',
      detail: 'You can no longer log in with this computer until you pair it again.',
      buttons: ['Remove', 'Cancel'],
    },
  },
  'reset-key': {
    de: {
      title: 'Sicherheitsschlüssel zurücksetzen?',
      message: 'Alle Passkeys und die PIN des Schlüssels werden gelöscht.',
      detail:
        'Das lässt sich nicht rückgängig machen. Anmeldungen, die diese Passkeys brauchen, gehen danach nicht mehr.',
      buttons: ['Zurücksetzen', 'Abbrechen'],
    },
    en: {
      title: 'Reset the security key?',
      message: 'Every passkey and the PIN of the key will be erased.',
      detail: 'This cannot be undone. Logins that need these passkeys will no longer work.',
      buttons: ['Reset', 'Cancel'],
    },
  },
};

/** Asks main's native question for `action`; throws 'cancelled' unless the user clicked yes (no dialog port → refused). */
export async function requireConsent(
  dialogs: Pick<FileDialogs, 'confirmDestructive'> | undefined,
  action: DestructiveAction,
  language: 'de' | 'en',
): Promise<void> {
  if (!dialogs?.confirmDestructive || !(await dialogs.confirmDestructive(action, language)))
    throw new FaktorError('cancelled', `${action} not confirmed`);
}
