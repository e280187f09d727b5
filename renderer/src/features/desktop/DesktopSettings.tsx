import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { checkAccelerator } from '../../../../shared/desktop/accelerator';
import type { DesktopStatus } from '../../../../shared/ipc/desktop-schemas';
import type { Settings } from '../../../../shared/ipc/schemas';
import { Field } from '../../components/Field';
import { useStore } from '../../store';
import { desktopStatus } from './desktop-api';

type ShortcutKey = 'shortcutScan' | 'shortcutSearch';
const SHORTCUTS: ReadonlyArray<{ key: ShortcutKey; name: 'scan' | 'search' }> = [
  { key: 'shortcutScan', name: 'scan' },
  { key: 'shortcutSearch', name: 'search' },
];

/**
 * The typed shortcuts checked with main's rules: the settings patch (an empty one turns a shortcut
 * off), and the problem's words for each one that is not a valid accelerator.
 */
function checkShortcuts(draft: Record<ShortcutKey, string>, t: TFunction) {
  const patch: Partial<Settings> = {};
  const found: Partial<Record<ShortcutKey, string>> = {};
  for (const { key } of SHORTCUTS) {
    const text = draft[key].trim();
    if (text === '') {
      patch[key] = '';
      continue;
    }
    const c = checkAccelerator(text);
    if (c.ok) patch[key] = c.accelerator;
    else found[key] = t(`desktop.problem.${c.problem}`);
  }
  return { patch, found };
}

/**
 * Settings → Desktop (docs/desktop.md): close/minimise to the tray, start at login, and the two global
 * shortcuts (off by default). A shortcut is checked here with the same rules main uses; after saving,
 * main says whether the OS gave it to us, and a shortcut another app holds is named plainly.
 */
export function DesktopSettings({ save }: { save: (patch: Partial<Settings>) => Promise<void> }) {
  const { t } = useTranslation();
  const settings = useStore((s) => s.settings);
  const [status, setStatus] = useState<DesktopStatus | null>(null);
  const [draft, setDraft] = useState<Record<ShortcutKey, string>>({
    shortcutScan: settings?.shortcutScan ?? '',
    shortcutSearch: settings?.shortcutSearch ?? '',
  });
  const [problems, setProblems] = useState<Partial<Record<ShortcutKey, string>>>({});
  const refresh = (): void => void desktopStatus().then(setStatus, () => setStatus(null));
  useEffect(refresh, []);

  async function saveShortcuts(): Promise<void> {
    const { patch, found } = checkShortcuts(draft, t);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    await save(patch);
    setDraft({
      shortcutScan: patch.shortcutScan ?? '',
      shortcutSearch: patch.shortcutSearch ?? '',
    });
    refresh();
  }

  const toggle = (key: 'closeToTray' | 'minimizeToTray' | 'startAtLogin', disabled = false) => (
    <p className="field">
      <label>
        <input
          type="checkbox"
          checked={settings?.[key] ?? false}
          disabled={disabled}
          onChange={(e) => void save({ [key]: e.target.checked })}
        />{' '}
        {t(`desktop.${key}`)}
      </label>
    </p>
  );

  return (
    <section aria-labelledby="desktop-settings-heading">
      <h3 id="desktop-settings-heading">{t('desktop.heading')}</h3>
      {toggle('closeToTray')}
      {toggle('minimizeToTray')}
      <p className="field-help">{t('desktop.trayNote')}</p>
      {toggle('startAtLogin', status !== null && !status.loginItem)}
      {status !== null && !status.loginItem ? (
        <p className="field-help">{t('desktop.startAtLoginUnavailable')}</p>
      ) : null}
      {SHORTCUTS.map(({ key, name }) => {
        const state = status?.shortcuts[name];
        const saved = settings?.[key] ?? '';
        return (
          <Field
            key={key}
            label={t(`desktop.${key}`)}
            help={`${t('desktop.shortcutHelp')}${saved !== '' && state === 'active' ? ` ${t('desktop.state.active')}` : ''}`}
            error={
              problems[key] ??
              (saved !== '' && (state === 'taken' || state === 'invalid')
                ? t(`desktop.state.${state}`)
                : null)
            }
            value={draft[key]}
            placeholder={t('desktop.shortcutPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
          />
        );
      })}
      <button type="button" onClick={() => void saveShortcuts()}>
        {t('desktop.shortcutSave')}
      </button>
    </section>
  );
}
