import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairingView } from '../../../../shared/servicekonto/pairing-payload';
import { errorCode } from '../../api/bridge';
import { WhoAsks } from './WhoAsks';
import { PinField } from './PinField';
import { servicekontoPair } from './servicekonto-api';

/**
 * Pairing confirm: the server's origin and the account, shown large before anything happens; a PIN of
 * 6+ digits typed twice. The PIN protects the device keys without any verifier, so it cannot be
 * checked here later — the screen says so.
 */
export function PairingConfirm({
  token,
  pairing,
  onBack,
  onDone,
}: {
  token: string;
  pairing: PairingView;
  onBack: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const mismatch = again !== '' && pin !== again;
  const submit = async (): Promise<void> => {
    if (pin.length < 6) return setError(t('errors.invalid-pin'));
    if (pin !== again) return setError(t('servicekonto.pinMismatch'));
    setBusy(true);
    setError(null);
    try {
      await servicekontoPair(token, pin);
      setDone(true);
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      // The PIN went to main once; the form keeps no copy (a retry types it again).
      setPin('');
      setAgain('');
      setBusy(false);
    }
  };
  if (done) {
    return (
      <>
        <p role="status">{t('servicekonto.paired', { account: pairing.accountName })}</p>
        <p>{t('servicekonto.pendingHint')}</p>
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={onDone}>
            {t('servicekonto.close')}
          </button>
        </div>
      </>
    );
  }
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <p>{t('servicekonto.pairIntro')}</p>
      <WhoAsks origin={pairing.origin} accountName={pairing.accountName} level={pairing.level} />
      <PinField label={t('servicekonto.newPin')} value={pin} onChange={setPin} autoFocus />
      <PinField
        label={t('servicekonto.repeatPin')}
        value={again}
        onChange={setAgain}
        error={mismatch ? t('servicekonto.pinMismatch') : null}
      />
      <p className="field-help">{t('servicekonto.pinNoVerifier')}</p>
      {error ? <p role="alert">{error}</p> : null}
      <div className="dialog-buttons">
        <button type="button" onClick={onBack}>
          {t('scan.back')}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={busy || pin.length < 6 || pin !== again}
        >
          {t('servicekonto.pair')}
        </button>
      </div>
    </form>
  );
}
