import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OsUnlockStatus } from '../../../../shared/ipc/os-unlock-schemas';
import { applyStatus } from '../../actions/vault';
import { errorCode } from '../../api/bridge';
import { osUnlockStatus, osUnlockVault } from './os-unlock-api';

/**
 * The lock screen's "Unlock with Touch ID" (docs/desktop.md, "OS unlock"): shown only when main says the
 * prompt is offered here and the option is on. Main shows the OS prompt; a cancel or any failure comes
 * back as a sentence for the lock screen, and the password field stays the way in.
 */
export function OsUnlockButton({
  onError,
  busy,
}: {
  onError: (message: string | null) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OsUnlockStatus | null>(null);
  const [running, setRunning] = useState(false);
  const refresh = (): void => void osUnlockStatus().then(setStatus, () => setStatus(null));
  useEffect(refresh, []);
  if (!status?.enabled || status.method === null) return null;
  const method = status.method;

  async function run(): Promise<void> {
    setRunning(true);
    onError(null);
    try {
      await applyStatus(await osUnlockVault());
    } catch (e) {
      const code = errorCode(e);
      onError(t(`errors.${code}`));
      if (code === 'os-unlock-stale' || code === 'os-unlock-unavailable') refresh();
    } finally {
      setRunning(false);
    }
  }

  return (
    <button
      type="button"
      className="os-unlock"
      disabled={busy || running}
      onClick={() => void run()}
    >
      {t(`osUnlock.unlockWith.${method}`)}
    </button>
  );
}
