import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyView } from '../../../../shared/ipc/keys-schemas';
import { FormError } from '../../components/FormError';
import { WarningTick } from '../../components/WarningTick';
import { onEvent } from '../../api/subscribe';
import { KeyDone } from './KeyDone';
import { keyErrorText } from './key-messages';
import { keysCancel, keysReset } from './keys-api';

/** Where the two-step reset stands. */
type Step = 'warn' | 'ready' | 'replug' | 'touch' | 'done';

/**
 * Factory reset in two deliberate steps: first the warning with an explicit tick, then the timing
 * (keys accept a reset only within about 10 s of being plugged in, and only with a touch). "Reset now"
 * makes main wait for the replug, send the reset at once and report when the key wants the touch.
 */
export function KeyReset({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('warn');
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      onEvent('keys-progress', (p) =>
        setStep((s) => ((s === 'replug' || s === 'touch') && p.stage !== 'confirm' ? p.stage : s)),
      ),
    [],
  );

  const start = async (): Promise<void> => {
    setError(null);
    setStep('replug');
    try {
      await keysReset(k.path);
      setStep('done');
    } catch (e) {
      setError(keyErrorText(t, e));
      setStep('ready');
    }
  };

  if (step === 'warn') return <ResetWarning onCancel={onDone} onNext={() => setStep('ready')} />;
  if (step === 'done') return <KeyDone message={t('keys.reset.done')} onDone={onDone} />;
  const waiting = step === 'replug' || step === 'touch';
  return (
    <>
      <p>{t('keys.reset.timing')}</p>
      <p role="status" className={waiting ? 'key-prompt' : undefined}>
        {step === 'replug' ? t('keys.reset.replug') : step === 'touch' ? t('keys.touch') : ''}
      </p>
      <FormError message={error} />
      <div className="dialog-buttons">
        {waiting ? (
          <button type="button" onClick={() => void keysCancel()}>
            {t('keys.cancel')}
          </button>
        ) : (
          <>
            <button type="button" onClick={onDone}>
              {t('keys.cancel')}
            </button>
            <button
              type="button"
              className="primary danger-fill"
              autoFocus
              onClick={() => void start()}
            >
              {t('keys.reset.start')}
            </button>
          </>
        )}
      </div>
    </>
  );
}

/** The first step: what a reset destroys, and "next" only after the explicit tick. */
function ResetWarning({ onCancel, onNext }: { onCancel: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  const [understood, setUnderstood] = useState(false);
  return (
    <>
      <WarningTick
        warning={t('keys.reset.warning')}
        label={t('keys.reset.acknowledge')}
        checked={understood}
        onChange={setUnderstood}
        autoFocus
      />
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          {t('keys.cancel')}
        </button>
        <button type="button" className="primary" disabled={!understood} onClick={onNext}>
          {t('keys.reset.next')}
        </button>
      </div>
    </>
  );
}
