import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { SHORTCUT_HELP } from './shortcut-map';

/** F1 / `?`: every keyboard shortcut, with Cmd on macOS and Ctrl elsewhere. */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const close = () => useStore.getState().openDialog(null);
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
  return (
    <Dialog title={t('shortcuts.title')} onClose={close}>
      <dl className="shortcuts">
        {SHORTCUT_HELP.map((row) => (
          <div key={row.what} className="shortcut-row">
            <dt>
              {row.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ` ${t('shortcuts.or')} ` : null}
                  <kbd>{k.replace('Mod', mod)}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(row.what)}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-buttons">
        <button type="button" className="primary" data-autofocus onClick={close}>
          {t('settings.close')}
        </button>
      </div>
    </Dialog>
  );
}
