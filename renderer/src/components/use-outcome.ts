import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../api/bridge';

/** What an action left to show: a success text, an error's words, or nothing. */
export type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

/**
 * One action at a time behind a busy flag, keeping what it left to show: `run(work)` clears the last
 * outcome, sets busy, and stores `work`'s result, or the error's words (`errors.<code>`; a cancelled
 * native dialog shows nothing). Shared by the screens and dialogs that run main's actions on a button.
 */
export function useOutcome() {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (work: () => Promise<Outcome>) => {
      setOutcome(null);
      setBusy(true);
      try {
        setOutcome(await work());
      } catch (e) {
        const code = errorCode(e);
        setOutcome(code === 'cancelled' ? null : { kind: 'error', text: t(`errors.${code}`) });
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { outcome, busy, run, setOutcome };
}
