import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/ipc/schemas';
import { languageForLocale } from '../../i18n';
import { Field } from '../../components/Field';

/** Language (system names the OS language it follows) and theme; a choice saves at once through `save`. */
export function LanguageThemeFields({
  settings,
  osLocale,
  save,
}: {
  settings: Settings | null;
  osLocale: string;
  save: (patch: Partial<Settings>) => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t('settings.language')}
        control={({ id }) => (
          <select
            id={id}
            value={settings?.language ?? 'system'}
            onChange={(e) => void save({ language: e.target.value as Settings['language'] })}
          >
            <option value="system">
              {t('settings.languageSystem', {
                language:
                  languageForLocale(osLocale) === 'de'
                    ? t('settings.languageDe')
                    : t('settings.languageEn'),
              })}
            </option>
            <option value="de">{t('settings.languageDe')}</option>
            <option value="en">{t('settings.languageEn')}</option>
          </select>
        )}
      />
      <Field
        label={t('settings.theme')}
        control={({ id }) => (
          <select
            id={id}
            value={settings?.theme ?? 'system'}
            onChange={(e) => void save({ theme: e.target.value as Settings['theme'] })}
          >
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>
        )}
      />
    </>
  );
}
