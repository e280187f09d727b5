/**
 * Wording of the native "export unencrypted?" dialog main shows before a plain otpauth:// export
 * (issue #7 item 11). Plain data so it is tested for both languages; platform/ports.ts shows it with
 * "Cancel" as the default and escape button, so only an explicit click on the export button agrees.
 */
export interface PlainExportConsentText {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  /** Button order as shown; index 0 is the one that consents. */
  readonly buttons: readonly [exportButton: string, cancelButton: string];
}

/** Both languages of the native consent dialog. */
export const PLAIN_EXPORT_CONSENT: Readonly<Record<'de' | 'en', PlainExportConsentText>> = {
  de: {
    title: 'Unverschlüsselt exportieren?',
    message: 'Alle geheimen Schlüssel werden unverschlüsselt in eine Datei geschrieben.',
    detail:
      'Wer diese Datei liest, kann alle Ihre Codes erzeugen. Speichern Sie sie nur auf einem Datenträger, den nur Sie erreichen, und löschen Sie sie nach dem Import.',
    buttons: ['Unverschlüsselt exportieren', 'Abbrechen'],
  },
  en: {
    title: 'Export unencrypted?',
    message: 'Every secret key will be written to a file in plain text.',
    detail:
      'Anyone who reads this file can generate all your codes. Keep it only on storage that only you can reach, and delete it after importing.',
    buttons: ['Export unencrypted', 'Cancel'],
  },
};

/** True only when the dialog answered with the consenting button (index 0); cancel, escape, close → false. */
export function consentGiven(response: number): boolean {
  return response === 0;
}
