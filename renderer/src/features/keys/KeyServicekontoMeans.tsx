import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyServicekontoMeans as Found } from '../../../../shared/ipc/keys-schemas';
import { keysServicekontoMeans } from './keys-api';

/**
 * On a key's card: which Servicekonto means this key is ("Servicekonto <origin>: means <label>"), asked
 * in main by a silent check (no touch, no PIN) against every paired account's WebAuthn credentials.
 * Shows nothing while asking, when the key is no means, or when the check itself failed.
 */
export function KeyServicekontoMeans({ path }: { path: string }) {
  const { t } = useTranslation();
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    let live = true;
    keysServicekontoMeans(path).then(
      (f) => live && setFound(f),
      () => live && setFound(null),
    );
    return () => {
      live = false;
    };
  }, [path]);
  if (!found || (found.matches.length === 0 && found.unreachable.length === 0)) return null;
  return (
    <ul className="key-servicekonto" aria-label={t('keys.servicekonto.label')}>
      {found.matches.map((m) => (
        <li key={`${m.pairing}:${m.meansId}`}>
          {t(
            m.status === 'blocked' ? 'keys.servicekonto.meansBlocked' : 'keys.servicekonto.means',
            { origin: m.origin, label: m.label ?? t('keys.servicekonto.unnamed') },
          )}
        </li>
      ))}
      {found.unreachable.map((u) => (
        <li key={`${u.origin}:${u.accountName}`} className="hint">
          {t('keys.servicekonto.unreachable', { origin: u.origin })}
        </li>
      ))}
    </ul>
  );
}
