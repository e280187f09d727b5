import { useTranslation } from 'react-i18next';
import { lock } from '../actions/vault';
import { useStore } from '../store';

/** The header: app name and the main actions. */
export function Toolbar() {
  const { t } = useTranslation();
  const hasPassword = useStore((s) => s.status?.hasPassword ?? false);
  const open = useStore((s) => s.openDialog);
  return (
    <header className="toolbar">
      <h1 className="app-title">{t('app.title')}</h1>
      <nav className="toolbar-actions" aria-label={t('app.title')}>
        <button type="button" onClick={() => open({ kind: 'scan' })}>
          {t('toolbar.scan')}
        </button>
        <button type="button" className="primary" onClick={() => open({ kind: 'add' })}>
          {t('toolbar.add')}
        </button>
        <button type="button" onClick={() => open({ kind: 'servicekonto' })}>
          {t('toolbar.servicekonto')}
        </button>
        <button type="button" onClick={() => open({ kind: 'backup' })}>
          {t('toolbar.backup')}
        </button>
        <button type="button" onClick={() => open({ kind: 'settings' })}>
          {t('toolbar.settings')}
        </button>
        <button type="button" onClick={() => open({ kind: 'keys' })}>
          {t('keys.open')}
        </button>
        <button
          type="button"
          className="icon"
          aria-label={t('shortcuts.open')}
          title={t('shortcuts.open')}
          onClick={() => open({ kind: 'shortcuts' })}
        >
          <span aria-hidden="true">?</span>
        </button>
        {hasPassword ? (
          <button type="button" onClick={() => void lock()}>
            {t('toolbar.lock')}
          </button>
        ) : null}
      </nav>
    </header>
  );
}
