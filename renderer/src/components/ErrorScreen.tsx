import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import { refreshStatus } from '../actions/vault';

/** Shown when main reports the vault in an error state (e.g. keychain unavailable), with a retry. */
export function ErrorScreen({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const known: ErrorCode = (ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as ErrorCode) : 'internal';
  return (
    <main className="lock-screen">
      <div className="lock-card" role="alert">
        <h1>{t('errorScreen.title')}</h1>
        <p>{t(`errors.${known}`)}</p>
        <button type="button" className="primary" onClick={() => void refreshStatus()}>
          {t('errorScreen.retry')}
        </button>
      </div>
    </main>
  );
}
