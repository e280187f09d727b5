import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PairedAccountView } from '../../../../shared/ipc/servicekonto-schemas';
import type { KeyView } from '../../../../shared/ipc/keys-schemas';
import { FaktorError } from '../../../../shared/errors';
import { onEvent } from '../../api/subscribe';
import { servicekontoList } from '../servicekonto/servicekonto-api';
import { KeyDone } from './KeyDone';
import { keyErrorText } from './key-messages';
import { keysServicekontoRegister } from './keys-api';
import { KeyRegisterForm, type RegisterDraft } from './KeyRegisterForm';
import { KeyTouchPrompt } from './KeyTouchPrompt';

/** The server's refusals this form words itself (the rest: the app's error text). */
const SERVER_WORDS = [
  'authentication-failed',
  'insufficient-level',
  'means-blocked',
  'means-pending',
  'too-many-attempts',
] as const;

/** The form as it opens: nothing typed, no account picked until the list is here. */
const EMPTY_DRAFT: RegisterDraft = { pairing: '', label: '', pin: '', password: '', keyPin: '' };

function registerErrorText(t: TFunction, e: unknown): string {
  const code = e instanceof FaktorError ? e.params?.serverCode : undefined;
  const known = SERVER_WORDS.find((c) => c === code);
  return known ? t(`keys.register.server.${known}`) : keyErrorText(t, e);
}

/**
 * "Register at Servicekonto…": the key becomes the account's "password + security key" means
 * (substanziell). The user picks a paired account and types the Faktor PIN (the server's proof that
 * this is the paired desktop with its PIN), the account password (the means is password + key) and the
 * key's PIN if it has one; then touches the key twice (create, then confirm, §4.2). Nothing typed is kept.
 */
export function KeyRegister({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const { t } = useTranslation();
  const [pairings, setPairings] = useState<PairedAccountView[] | null>(null);
  const [draft, setDraft] = useState<RegisterDraft>(EMPTY_DRAFT);
  const change = (patch: Partial<RegisterDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<'form' | 'touch' | 'confirm'>('form');
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    servicekontoList().then(
      (l) => {
        setPairings(l);
        setDraft((d) => ({ ...d, pairing: l[0]?.id ?? '' }));
      },
      (e: unknown) => setError(keyErrorText(t, e)),
    );
  }, [t]);
  useEffect(
    () =>
      onEvent('keys-progress', (p) =>
        setStage((s) =>
          s !== 'form' && (p.stage === 'touch' || p.stage === 'confirm') ? p.stage : s,
        ),
      ),
    [],
  );

  const chosen = pairings?.find((p) => p.id === draft.pairing);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!chosen) return;
    const { label, pin, password, keyPin } = draft;
    setError(null);
    setStage('touch');
    try {
      const r = await keysServicekontoRegister({
        path: k.path,
        pairing: chosen.id,
        pin,
        password,
        ...(k.pinSet ? { keyPin } : {}),
        ...(label.trim() ? { label: label.trim() } : {}),
      });
      setDone(
        t(r.status === 'active' ? 'keys.register.done' : 'keys.register.donePending', {
          origin: chosen.origin,
          account: chosen.accountName,
          level: r.level,
        }),
      );
    } catch (err) {
      setError(registerErrorText(t, err));
    } finally {
      setStage('form');
      change({ pin: '', password: '', keyPin: '' });
    }
  };

  if (done) return <KeyDone message={done} onDone={onDone} />;
  if (stage !== 'form')
    return (
      <KeyTouchPrompt message={t(stage === 'touch' ? 'keys.touch' : 'keys.register.touchAgain')} />
    );
  // Nothing to register at: said like the end of an action, with the way back.
  if (pairings !== null && pairings.length === 0)
    return <KeyDone message={t('keys.register.noPairing')} onDone={onDone} />;
  return (
    <KeyRegisterForm
      keyView={k}
      pairings={pairings}
      draft={draft}
      onChange={change}
      accountChosen={chosen !== undefined}
      error={error}
      onSubmit={(e) => void submit(e)}
      onDone={onDone}
    />
  );
}
