import { isFaktorError } from '../../../shared/errors';

/**
 * What the user is told when the app cannot start, in their language (de or en, from the OS locale —
 * the app's own language setting is inside the data dir it may not open). The common case is a busy
 * data dir: the tester CLI (or another Faktor on the same folder) holds `faktor.lock`. No error text
 * or stack reaches the user; nothing secret has been read at that point anyway.
 */

/** Title and text of the native error box (platform/bootstrap.ts shows it, then exits). */
export interface StartupMessage {
  readonly title: string;
  readonly text: string;
}

const TEXTS = {
  de: {
    title: 'Faktor kann nicht starten',
    busy: 'Der Datenordner von Faktor wird gerade von einem anderen Programm benutzt – meist vom Kommandozeilenwerkzeug „faktor“ (z. B. „faktor listen“) oder einem zweiten Faktor mit demselben Ordner. Beenden Sie es und starten Sie Faktor erneut.\n\nOrdner: {dir}',
    other:
      'Beim Start ist ein Fehler aufgetreten ({code}). Ihre Konten wurden nicht verändert. Starten Sie Faktor erneut; bleibt der Fehler, melden Sie bitte den Code.',
  },
  en: {
    title: 'Faktor cannot start',
    busy: 'Faktor\'s data folder is in use by another program — usually the command-line tool "faktor" (e.g. "faktor listen") or a second Faktor on the same folder. Quit it and start Faktor again.\n\nFolder: {dir}',
    other:
      'Something went wrong while starting ({code}). Your accounts were not changed. Start Faktor again; if it keeps happening, please report the code.',
  },
} as const;

/** The message for a startup error `e` with the data dir `dir`, for the OS locale `locale` (e.g. 'de-DE'). */
export function startupFailureMessage(e: unknown, locale: string, dir: string): StartupMessage {
  const t = /^de\b/i.test(locale) ? TEXTS.de : TEXTS.en;
  if (isFaktorError(e, 'data-dir-busy'))
    return { title: t.title, text: t.busy.replace('{dir}', dir) };
  return {
    title: t.title,
    text: t.other.replace('{code}', isFaktorError(e) ? e.code : 'internal'),
  };
}
