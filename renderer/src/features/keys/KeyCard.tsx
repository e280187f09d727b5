import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UDEV_RULE } from '../../../../shared/ctap/udev-rule';
import type { KeyList, KeyView } from '../../../../shared/ipc/keys-schemas';
import { keyErrorText, keyName } from './key-messages';
import { keysWink } from './keys-api';
import { KeyFacts } from './KeyFacts';
import { KeyServicekontoMeans } from './KeyServicekontoMeans';

/** What a key card can open. */
export type KeyAction = 'pin' | 'creds' | 'reset' | 'register';

/** Formats a 32-hex-digit AAGUID as the usual 8-4-4-4-12 UUID (lives with the facts list). */
export { formatAaguid } from './KeyFacts';

/** Why a key cannot be read, with the fix the user can apply (udev rule on Linux, elevation on Windows). */
function KeyProblem({
  code,
  platform,
}: {
  code: NonNullable<KeyView['error']>;
  platform: KeyList['platform'];
}) {
  const { t } = useTranslation();
  return (
    <div className="key-problem">
      <p role="alert">{t(`errors.${code}`)}</p>
      {code === 'key-permission-denied' && platform === 'linux' ? (
        <>
          <p>{t('keys.permissionLinux')}</p>
          <pre className="key-rule">
            <code>{UDEV_RULE}</code>
          </pre>
        </>
      ) : null}
      {code === 'key-permission-denied' && platform === 'win32' ? (
        <p>{t('keys.permissionWindows')}</p>
      ) : null}
    </div>
  );
}

/** One plugged-in key: name, AAGUID, versions, PIN state, capabilities, and its actions. */
export function KeyCard({
  keyView: k,
  platform,
  onOpen,
}: {
  keyView: KeyView;
  platform: KeyList['platform'];
  onOpen: (action: KeyAction) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState<string | null>(null);
  const name = keyName(k, t('keys.unnamed'));
  const wink = async (): Promise<void> => {
    setNote(null);
    try {
      await keysWink(k.path);
      setNote(t('keys.winked'));
    } catch (e) {
      setNote(keyErrorText(t, e));
    }
  };
  return (
    <article className="key-card" aria-label={name}>
      <h3>{name}</h3>
      {k.error ? (
        <KeyProblem code={k.error} platform={platform} />
      ) : (
        <>
          <KeyFacts keyView={k} />
          {k.ctap2 ? null : <p className="hint">{t('keys.u2fOnly')}</p>}
          {k.ctap2 || k.u2f ? <KeyServicekontoMeans path={k.path} /> : null}
          <div className="key-actions">
            {k.wink ? (
              <button type="button" onClick={() => void wink()}>
                {t('keys.wink')}
              </button>
            ) : null}
            {k.ctap2 ? (
              <>
                <button type="button" onClick={() => onOpen('pin')}>
                  {k.pinSet ? t('keys.changePin') : t('keys.setPin')}
                </button>
                {k.credMgmt ? (
                  <button type="button" onClick={() => onOpen('creds')}>
                    {t('keys.credentials')}
                  </button>
                ) : null}
              </>
            ) : null}
            {k.ctap2 || k.u2f ? (
              <button type="button" onClick={() => onOpen('register')}>
                {t('keys.register.open')}
              </button>
            ) : null}
            {k.ctap2 ? (
              <button type="button" className="danger" onClick={() => onOpen('reset')}>
                {t('keys.resetOpen')}
              </button>
            ) : null}
          </div>
          {note ? <p role="status">{note}</p> : null}
        </>
      )}
    </article>
  );
}
