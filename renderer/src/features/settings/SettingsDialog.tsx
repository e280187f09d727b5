import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/ipc/schemas';
import { saveSettings } from '../../actions/settings';
import { errorCode } from '../../api/bridge';
import { useStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { LanguageThemeFields } from './LanguageThemeFields';
import { PasswordSettings } from './PasswordSettings';
import { DesktopSettings } from '../desktop/DesktopSettings';
import { OsUnlockSettings } from '../os-unlock/OsUnlockSettings';

const AUTO_LOCK = [0, 1, 5, 15, 30, 60];
const CLIPBOARD = [0, 15, 30, 60, 120];

/** Language, theme, auto-lock, clipboard clearing, desktop integration and the app password; choices save at once. */
export function SettingsDialog() {
  const { t } = useTranslation();
  const settings = useStore((s) => s.settings);
  const osLocale = useStore((s) => s.osLocale);
  const hasPassword = useStore((s) => s.status?.hasPassword ?? false);
  const close = () => useStore.getState().openDialog(null);
  const [error, setError] = useState<string | null>(null);

  async function save(patch: Partial<Settings>) {
    setError(null);
    try {
      await saveSettings(patch);
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    }
  }
  // Keep the current value selectable even if it is not one of the presets.
  const withCurrent = (list: number[], v: number | undefined) =>
    v === undefined || list.includes(v) ? list : [...list, v].sort((a, b) => a - b);

  return (
    <Dialog title={t('settings.title')} onClose={close} className="dialog-wide">
      <LanguageThemeFields settings={settings} osLocale={osLocale} save={save} />
      <Field
        label={t('settings.autoLock')}
        help={hasPassword ? undefined : t('settings.autoLockNeedsPassword')}
        control={({ id, describedBy }) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={settings?.autoLockMinutes ?? 0}
            onChange={(e) => void save({ autoLockMinutes: Number(e.target.value) })}
          >
            {withCurrent(AUTO_LOCK, settings?.autoLockMinutes).map((m) => (
              <option key={m} value={m}>
                {m === 0
                  ? t('settings.autoLockNever')
                  : t('settings.autoLockMinutes', { count: m })}
              </option>
            ))}
          </select>
        )}
      />
      <Field
        label={t('settings.clipboard')}
        control={({ id }) => (
          <select
            id={id}
            value={settings?.clipboardClearSeconds ?? 30}
            onChange={(e) => void save({ clipboardClearSeconds: Number(e.target.value) })}
          >
            {withCurrent(CLIPBOARD, settings?.clipboardClearSeconds).map((s) => (
              <option key={s} value={s}>
                {s === 0
                  ? t('settings.clipboardNever')
                  : t('settings.clipboardSeconds', { count: s })}
              </option>
            ))}
          </select>
        )}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings?.hideCodes ?? false}
          onChange={(e) => void save({ hideCodes: e.target.checked })}
        />
        {t('organise.hideCodes')}
      </label>
      <FormError message={error} />
      <DesktopSettings save={save} />
      <PasswordSettings />
      <OsUnlockSettings />
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={close}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
