import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyCredentialGroup, KeyView } from '../../../../shared/ipc/keys-schemas';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { keyErrorText } from './key-messages';
import { keysCredentials, keysDeleteCredential } from './keys-api';

/** The passkey the user asked to delete, waiting for the confirmation. */
interface Pending {
  readonly credentialId: string;
  readonly site: string;
  readonly user: string;
}

/**
 * The key's resident credentials (passkeys) by site, after the key's PIN; each can be deleted behind a
 * confirmation. The renderer holds the PIN only until the call it was typed for returns: the list
 * clears it, and a delete (main keeps no PIN token) asks for it again in its confirmation.
 */
export function KeyCredentials({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [groups, setGroups] = useState<KeyCredentialGroup[] | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs one PIN-using call; the PIN leaves this view's state as soon as it returns, either way. */
  const run = async (fn: (typed: string) => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await fn(pin);
    } catch (e) {
      setError(keyErrorText(t, e));
    } finally {
      setPin('');
      setBusy(false);
    }
  };
  const load = (e: FormEvent): void => {
    e.preventDefault();
    void run(async (typed) => setGroups(await keysCredentials(k.path, typed)));
  };
  const remove = (e: FormEvent, p: Pending): void => {
    e.preventDefault();
    void run(async (typed) => {
      await keysDeleteCredential(k.path, typed, p.credentialId);
      setPending(null);
      setNote(t('keys.creds.deleted', { user: p.user, site: p.site }));
      setGroups(await keysCredentials(k.path, typed));
    });
  };
  const ask = (p: Pending | null): void => {
    setPending(p);
    setPin('');
    setError(null);
  };

  if (groups === null)
    return (
      <form onSubmit={load} noValidate>
        <Field label={t('keys.creds.pin')} type="password" autoComplete="off" value={pin} autoFocus onChange={(e) => setPin(e.target.value)} />
        <FormError message={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={onDone}>
            {t('keys.back')}
          </button>
          <button type="submit" className="primary" disabled={busy || pin === ''}>
            {t('keys.creds.show')}
          </button>
        </div>
      </form>
    );
  const all = groups.flatMap((g) => g.credentials.map((c) => ({ ...c, site: g.rpName ? `${g.rpName} (${g.rpId})` : g.rpId })));
  return (
    <>
      {note ? <p role="status">{note}</p> : null}
      {all.length === 0 ? (
        <p role="status">{t('keys.creds.empty')}</p>
      ) : (
        <ul className="key-creds" aria-label={t('keys.creds.listLabel')}>
          {all.map((c) => {
            const user = c.userDisplayName || c.userName || t('keys.creds.noUser');
            return (
              <li key={c.credentialId}>
                <span className="key-cred-site">{c.site}</span>
                <span>{user}</span>
                <button type="button" className="danger" aria-label={t('keys.creds.deleteOne', { user, site: c.site })} onClick={() => ask({ credentialId: c.credentialId, site: c.site, user })}>
                  {t('keys.creds.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {pending ? (
        <form className="key-confirm" role="group" aria-label={t('keys.creds.confirmTitle')} onSubmit={(e) => remove(e, pending)} noValidate>
          <p>{t('keys.creds.confirm', { user: pending.user, site: pending.site })}</p>
          <Field label={t('keys.creds.pin')} help={t('keys.creds.pinAgain')} type="password" autoComplete="off" value={pin} autoFocus onChange={(e) => setPin(e.target.value)} />
          <div className="dialog-buttons">
            <button type="button" onClick={() => ask(null)}>
              {t('keys.cancel')}
            </button>
            <button type="submit" className="primary danger-fill" disabled={busy || pin === ''}>
              {t('keys.creds.confirmDelete')}
            </button>
          </div>
        </form>
      ) : null}
      <FormError message={error} />
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          {t('keys.back')}
        </button>
      </div>
    </>
  );
}
