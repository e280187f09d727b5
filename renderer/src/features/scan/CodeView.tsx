import { useTranslation } from 'react-i18next';
import type { FoundCode } from '../../../../shared/qr/found-code';
import { OfflineApproval } from '../servicekonto/OfflineApproval';
import { PairingConfirm } from '../servicekonto/PairingConfirm';
import { MixedScriptWarning } from './MixedScriptWarning';

/** What an otpauth:// code would add, as main summarised it. */
type AddSummary = Extract<FoundCode['route'], { kind: 'add-account' }>['summary'];

/** One found code's flow: confirm an account, or explain why there is nothing to do. */
export function CodeView({
  code,
  busy,
  error,
  onAdd,
  onBack,
}: {
  code: FoundCode;
  busy: boolean;
  error: string | null;
  onAdd: (c: FoundCode) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const r = code.route;
  const back = (
    <button type="button" onClick={onBack}>
      {t('scan.back')}
    </button>
  );
  if (r.kind === 'add-account') {
    const s = r.summary;
    return (
      <>
        <p>{t('scan.confirmAdd')}</p>
        <AccountSummary summary={s} />
        <MixedScriptWarning names={[s.issuer, s.label]} />
        {r.warnings.map((w) => (
          <p key={w} className="scan-warning">
            {t(`scan.warning.${w}`, { defaultValue: w })}
          </p>
        ))}
        {error ? <p role="alert">{error}</p> : null}
        <div className="dialog-buttons">
          {back}
          <button type="button" className="primary" disabled={busy} onClick={() => onAdd(code)}>
            {t('scan.addAccount')}
          </button>
        </div>
      </>
    );
  }
  if (r.kind === 'servicekonto-pairing')
    return (
      <PairingConfirm token={code.token} pairing={r.pairing} onBack={onBack} onDone={onBack} />
    );
  if (r.kind === 'servicekonto-login')
    return <OfflineApproval token={code.token} login={r.login} onBack={onBack} />;
  let message;
  if (r.kind === 'invalid')
    message = (
      <p role="alert">
        {t(
          r.target === 'otpauth'
            ? 'scan.invalidOtpauth'
            : r.target === 'otpauth-migration'
              ? 'scan.invalidMigration'
              : 'scan.invalidServicekonto',
        )}{' '}
        {t(`errors.${r.error}`, { defaultValue: '' })}
      </p>
    );
  else if (r.kind === 'text')
    message = (
      <>
        <p role="alert">{t('scan.notAuthenticator')}</p>
        <pre className="scan-text">{r.text}</pre>
      </>
    );
  return (
    <>
      {message}
      <div className="dialog-buttons">{back}</div>
    </>
  );
}

/** The account an otpauth:// code would add: issuer, name, type, algorithm, digits, period. */
function AccountSummary({ summary: s }: { summary: AddSummary }) {
  const { t } = useTranslation();
  return (
    <dl className="scan-summary">
      <dt>{t('scan.issuer')}</dt>
      <dd>
        <bdi>{s.issuer || '—'}</bdi>
      </dd>
      <dt>{t('scan.label')}</dt>
      <dd>
        <bdi>{s.label}</bdi>
      </dd>
      <dt>{t('scan.type')}</dt>
      <dd>{s.type === 'totp' ? t('add.totp') : t('add.hotp')}</dd>
      <dt>{t('scan.algorithm')}</dt>
      <dd>{s.algorithm}</dd>
      <dt>{t('scan.digits')}</dt>
      <dd>{s.digits}</dd>
      {s.type === 'totp' ? (
        <>
          <dt>{t('scan.period')}</dt>
          <dd>{t('scan.seconds', { count: s.period })}</dd>
        </>
      ) : null}
    </dl>
  );
}
