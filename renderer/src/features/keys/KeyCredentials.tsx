import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyCredentialGroup, KeyView } from '../../../../shared/ipc/keys-schemas';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { keyErrorText } from './key-messages';
import { keysCredentials, keysDeleteCredential } from './keys-api';
import { KeyCredentialDelete } from './KeyCredentialDelete';
import { KeyCredentialList, type PendingCredential } from './KeyCredentialList';

/**
 * The key's resident credentials (passkeys) by site, after the key's PIN; each can be deleted behind a
 * confirmation. The renderer holds the PIN only until the call it was typed for returns: the list
 * clears it, and a delete (main keeps no PIN token) asks for it again in its confirmation.
 */
export function KeyCredentials({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [groups, setGroups] = useState<KeyCredentialGroup[] | null>(null);
  const [pending, setPending] = useState<PendingCredential | null>(null);
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
  const remove = (e: FormEvent, p: PendingCredential): void => {
    e.preventDefault();
    void run(async (typed) => {
      await keysDeleteCredential(k.path, typed, p.credentialId);
      setPending(null);
      setNote(t('keys.creds.deleted', { user: p.user, site: p.site }));
      setGroups(await keysCredentials(k.path, typed));
    });
  };
  const ask = (p: PendingCredential | null): void => {
    setPending(p);
    setPin('');
    setError(null);
  };

  if (groups === null)
    return (
      <CredentialsPinForm
        pin={pin}
        onPin={setPin}
        error={error}
        busy={busy}
        onSubmit={load}
        onDone={onDone}
      />
    );
  return (
    <>
      {note ? <p role="status">{note}</p> : null}
      <KeyCredentialList groups={groups} onDelete={ask} />
      {pending ? (
        <KeyCredentialDelete
          pending={pending}
          pin={pin}
          onPin={setPin}
          busy={busy}
          onSubmit={(e) => remove(e, pending)}
          onCancel={() => ask(null)}
        />
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

/** Before the list: the key's PIN, which the list needs, and the way back. */
function CredentialsPinForm(props: {
  pin: string;
  onPin: (pin: string) => void;
  error: string | null;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { pin } = props;
  return (
    <form onSubmit={props.onSubmit} noValidate>
      <Field
        label={t('keys.creds.pin')}
        type="password"
        autoComplete="off"
        value={pin}
        autoFocus
        onChange={(e) => props.onPin(e.target.value)}
      />
      <FormError message={props.error} />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onDone}>
          {t('keys.back')}
        </button>
        <button type="submit" className="primary" disabled={props.busy || pin === ''}>
          {t('keys.creds.show')}
        </button>
      </div>
    </form>
  );
}
