import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginPayload } from '../../../../shared/servicekonto/login-payload';
import { errorCode } from '../../api/bridge';
import { WhoAsks } from './WhoAsks';
import { PinField } from './PinField';
import { servicekontoOfflineCode } from './servicekonto-api';

/** "2421 5000": an 8-digit code in two groups of four, easier to read and type. */
export function groupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Offline approval: who asks (service, server) for which account at which level, the PIN, then the
 * OCRA response large, grouped and copyable. A wrong PIN gives a wrong code (the server counts it);
 * a QR of a server this desktop is not paired with is refused in plain words ('not-paired').
 */
export function OfflineApproval({
  token,
  login,
  onBack,
}: {
  token: string;
  login: Omit<LoginPayload, 'v'>;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setCode((await servicekontoOfflineCode(token, pin)).code);
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      setPin(''); // went to main once; a retry types it again
      setBusy(false);
    }
  };
  const copy = async (): Promise<void> => {
    if (code === null) return;
    await navigator.clipboard.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <p>{t('servicekonto.loginIntro', { service: login.service })}</p>
      <WhoAsks
        service={login.service}
        origin={login.origin}
        accountName={login.accountName}
        level={login.level}
      />
      {code === null ? (
        <PinField label={t('servicekonto.pin')} value={pin} onChange={setPin} autoFocus />
      ) : (
        <div className="servicekonto-code-box">
          <p>{t('servicekonto.typeCode')}</p>
          <output className="servicekonto-code" aria-label={t('servicekonto.codeLabel')}>
            {groupCode(code)}
          </output>
          <button type="button" onClick={() => void copy()}>
            {copied ? t('servicekonto.copied') : t('servicekonto.copy')}
          </button>
          <p className="field-help">{t('servicekonto.wrongPinHint')}</p>
        </div>
      )}
      {error ? <p role="alert">{error}</p> : null}
      <div className="dialog-buttons">
        <button type="button" onClick={onBack}>
          {t('scan.back')}
        </button>
        {code === null ? (
          <button type="submit" className="primary" disabled={busy || pin.length < 6}>
            {t('servicekonto.showCode')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
