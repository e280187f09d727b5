import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PairedAccountView } from '../../../../shared/ipc/servicekonto-schemas';
import type { KeyView } from '../../../../shared/ipc/keys-schemas';
import { FaktorError } from '../../../../shared/errors';
import { onEvent } from '../../api/subscribe';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PinField } from '../servicekonto/PinField';
import { servicekontoList } from '../servicekonto/servicekonto-api';
import { KeyDone } from './KeyDone';
import { keyErrorText } from './key-messages';
import { keysServicekontoRegister } from './keys-api';
import { KeyTouchPrompt } from './KeyTouchPrompt';

/** The server's refusals this form words itself (the rest: the app's error text). */
const SERVER_WORDS = [
  'authentication-failed',
  'insufficient-level',
  'means-blocked',
  'means-pending',
  'too-many-attempts',
] as const;

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
  const [pairing, setPairing] = useState('');
  const [label, setLabel] = useState('');
  const [pin, setPin] = useState('');
  const [password, setPassword] = useState('');
  const [keyPin, setKeyPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stage, setStage] = useState<'form' | 'touch' | 'confirm'>('form');
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    servicekontoList().then(
      (l) => {
        setPairings(l);
        setPairing(l[0]?.id ?? '');
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

  const chosen = pairings?.find((p) => p.id === pairing);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!chosen) return;
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
      setPin('');
      setPassword('');
      setKeyPin('');
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
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p className="hint">{t('keys.register.explain')}</p>
      <Field
        label={t('keys.register.account')}
        control={({ id, describedBy }) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={pairing}
            onChange={(e) => setPairing(e.target.value)}
            autoFocus
          >
            {(pairings ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.accountName} · ${p.origin}`}
              </option>
            ))}
          </select>
        )}
      />
      <Field
        label={t('keys.register.label')}
        value={label}
        maxLength={64}
        help={t('keys.register.labelHelp')}
        onChange={(e) => setLabel(e.target.value)}
      />
      <PinField label={t('keys.register.pin')} value={pin} onChange={setPin} />
      <Field
        label={t('keys.register.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        maxLength={128}
        onChange={(e) => setPassword(e.target.value)}
      />
      {k.pinSet ? (
        <Field
          label={t('keys.register.keyPin')}
          type="password"
          autoComplete="off"
          value={keyPin}
          maxLength={63}
          onChange={(e) => setKeyPin(e.target.value)}
        />
      ) : null}
      <FormError message={error} />
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          {t('keys.back')}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={
            !chosen || pin.length < 6 || password === '' || (k.pinSet === true && keyPin === '')
          }
        >
          {t('keys.register.submit')}
        </button>
      </div>
    </form>
  );
}
