import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyList, KeyView } from '../../../../shared/ipc/keys-schemas';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { onEvent } from '../../api/subscribe';
import { useStore } from '../../store';
import { KeyCard } from './KeyCard';
import { KeyCredentials } from './KeyCredentials';
import { KeyPinForm } from './KeyPinForm';
import { KeyRegister } from './KeyRegister';
import { KeyReset } from './KeyReset';
import { keyErrorText, keyName } from './key-messages';
import { keysList } from './keys-api';
import './keys.css';

/** Which part of the screen is showing. */
type View = { kind: 'list' } | { kind: 'pin' | 'creds' | 'reset' | 'register'; key: KeyView };

/**
 * The security-keys screen (docs/keys.md): every plugged-in key, live on plug/unplug (main's
 * keys-changed event), with its info and actions; PIN, passkeys and reset open in place.
 */
export function KeysDialog() {
  const { t } = useTranslation();
  const close = () => useStore.getState().openDialog(null);
  const [list, setList] = useState<KeyList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>({ kind: 'list' });

  const reload = useCallback(() => {
    keysList().then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => setError(keyErrorText(t, e)),
    );
  }, [t]);
  useEffect(() => {
    reload();
    return onEvent('keys-changed', reload);
  }, [reload]);

  const back = (): void => {
    setView({ kind: 'list' });
    reload();
  };
  const title =
    view.kind === 'list'
      ? t('keys.title')
      : t(`keys.${view.kind}.title`, { name: keyName(view.key, t('keys.unnamed')) });
  return (
    <Dialog title={title} onClose={close} className="dialog-wide">
      {view.kind === 'pin' ? <KeyPinForm keyView={view.key} onDone={back} /> : null}
      {view.kind === 'creds' ? <KeyCredentials keyView={view.key} onDone={back} /> : null}
      {view.kind === 'reset' ? <KeyReset keyView={view.key} onDone={back} /> : null}
      {view.kind === 'register' ? <KeyRegister keyView={view.key} onDone={back} /> : null}
      {view.kind === 'list' ? (
        <>
          <FormError message={error} />
          {list === null ? (
            <p role="status">{t('keys.loading')}</p>
          ) : list.keys.length === 0 ? (
            <p role="status">{t('keys.none')}</p>
          ) : (
            <ul className="key-list" aria-label={t('keys.listLabel')}>
              {list.keys.map((k) => (
                <li key={k.path}>
                  <KeyCard
                    keyView={k}
                    platform={list.platform}
                    onOpen={(kind) => setView({ kind, key: k })}
                  />
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-buttons">
            <button type="button" className="primary" onClick={close}>
              {t('keys.close')}
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
