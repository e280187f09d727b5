import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

/** Languages the UI is complete in. */
export const LANGUAGES = ['de', 'en'] as const;
/** One of the UI languages. */
export type Language = (typeof LANGUAGES)[number];

/** Maps an OS locale ("de-AT", "en_GB", "fr") to a UI language; German for any de-*, else English. */
export function languageForLocale(locale: string): Language {
  return /^de\b|^de[-_]/i.test(locale) ? 'de' : 'en';
}

/** Starts i18next once with both resource bundles (bundled, no network loading). */
export async function initI18n(lng: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    // Resources are bundled: initialise synchronously (no setTimeout before the first render).
    initAsync: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

/** Switches the UI language and the document's lang attribute (screen readers use it). */
export async function setLanguage(lng: Language): Promise<void> {
  if (i18next.language !== lng) await i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}
