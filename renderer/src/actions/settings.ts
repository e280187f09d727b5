import type { Settings } from '../../../shared/ipc/schemas';
import { appLocale, settingsGet, settingsSet } from '../api/settings';
import { languageForLocale, setLanguage, type Language } from '../i18n';
import { useStore } from '../store';

/** The UI language: the setting, or the OS locale when the setting is 'system'. */
export function resolveLanguage(settings: Settings | null, osLocale: string): Language {
  return settings && settings.language !== 'system'
    ? settings.language
    : languageForLocale(osLocale);
}

/** Applies the colour-scheme setting: app.css answers `data-theme` with `color-scheme` (light-dark()). */
export function applyTheme(theme: Settings['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Loads settings and the OS locale (either may fail: then English / the OS locale are used). */
export async function loadSettings(): Promise<Language> {
  const [settings, locale] = await Promise.allSettled([settingsGet(), appLocale()]);
  const osLocale = locale.status === 'fulfilled' ? locale.value : navigator.language;
  const s = useStore.getState();
  if (settings.status === 'fulfilled') {
    s.setSettings(settings.value);
    applyTheme(settings.value.theme);
  }
  const language = resolveLanguage(
    settings.status === 'fulfilled' ? settings.value : null,
    osLocale,
  );
  s.setLocale(osLocale, language);
  return language;
}

/** Saves settings; a language change switches the UI at once. Throws for the dialog to show. */
export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const settings = await settingsSet(patch);
  const s = useStore.getState();
  s.setSettings(settings);
  applyTheme(settings.theme);
  const language = resolveLanguage(settings, s.osLocale);
  s.setLocale(s.osLocale, language);
  await setLanguage(language);
}
