import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../../shared/errors';
import { applyStatus, refreshStatus } from '../../actions/vault';
import { vaultReset } from '../../api/vault';
import { useStore } from '../../store';
import { FormError } from '../../components/FormError';
import { WarningTick } from '../../components/WarningTick';
import { useOutcome } from '../../components/use-outcome';

/** Errors a fresh vault helps with (main's RESETTABLE_ERRORS); keychain trouble only gets a retry. */
const DAMAGED: readonly ErrorCode[] = ['vault-corrupt', 'vault-key-missing'];

/**
 * Shown when main reports the vault in an error state, with a retry; for a damaged vault also restore
 * (fresh vault + backup import) and reset (fresh empty vault, behind a warning and an explicit tick).
 * Both keep the damaged file aside in main; nothing is deleted.
 */
export function ErrorScreen({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const known: ErrorCode = (ERROR_CODES as readonly string[]).includes(code ?? '')
    ? (code as ErrorCode)
    : 'internal';
  const [confirming, setConfirming] = useState(false);
  const { outcome, busy, run } = useOutcome();

  function startFresh(thenRestore: boolean) {
    void run(async () => {
      await applyStatus(await vaultReset());
      if (thenRestore) useStore.getState().openDialog({ kind: 'backup', mode: 'import' });
      return null;
    });
  }

  return (
    <main className="lock-screen">
      <div className="lock-card">
        <div role="alert">
          <h1>{t('errorScreen.title')}</h1>
          <p>{t(`errors.${known}`)}</p>
        </div>
        {outcome?.kind === 'error' ? <FormError message={outcome.text} /> : null}
        {DAMAGED.includes(known) && !confirming ? (
          <>
            <p className="hint">{t('errorScreen.keptAside')}</p>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => startFresh(true)}
            >
              {t('errorScreen.restore')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              {t('errorScreen.reset')}
            </button>
          </>
        ) : null}
        {confirming ? (
          <ResetConfirm
            busy={busy}
            onCancel={() => setConfirming(false)}
            onReset={() => startFresh(false)}
          />
        ) : null}
        <button type="button" disabled={busy} onClick={() => void refreshStatus()}>
          {t('errorScreen.retry')}
        </button>
      </div>
    </main>
  );
}

/** Starting with an empty vault: the warning, and the reset only after the explicit tick. */
function ResetConfirm(props: { busy: boolean; onCancel: () => void; onReset: () => void }) {
  const { t } = useTranslation();
  const [ticked, setTicked] = useState(false);
  return (
    <section aria-labelledby="reset-heading">
      <h2 id="reset-heading">{t('errorScreen.resetHeading')}</h2>
      <WarningTick
        warning={t('errorScreen.resetWarning')}
        label={t('errorScreen.resetConfirm')}
        checked={ticked}
        onChange={setTicked}
      />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          {t('errorScreen.cancel')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!ticked || props.busy}
          onClick={props.onReset}
        >
          {t('errorScreen.resetButton')}
        </button>
      </div>
    </section>
  );
}
