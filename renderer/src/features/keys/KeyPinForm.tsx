import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyView } from '../../../../shared/ipc/keys-schemas';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { KeyDone } from './KeyDone';
import { keyErrorText } from './key-messages';
import { keysChangePin, keysSetPin } from './keys-api';

/** Characters as the key counts them (code points), and bytes for its 63-byte limit. */
const chars = (s: string): number => [...s].length;
const bytes = (s: string): number => new TextEncoder().encode(s).length;

/** A key-PIN input: never echoed, no autofill. */
function KeyPinField({
  label,
  value,
  onChange,
  help,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  help?: string;
  autoFocus?: boolean;
}) {
  return (
    <Field
      label={label}
      type="password"
      autoComplete="off"
      value={value}
      help={help}
      autoFocus={autoFocus}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * Sets the first PIN or changes it, under the key's own policy: at least GetInfo's minPINLength
 * characters (4 by default), at most 63 bytes. The PINs go to main once and are cleared here after.
 */
export function KeyPinForm({ keyView: k, onDone }: { keyView: KeyView; onDone: () => void }) {
  const { t } = useTranslation();
  const min = k.minPinLength ?? 4;
  const change = k.pinSet === true;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (chars(next) < min || bytes(next) > 63) return setError(t('keys.pin.policy', { min }));
    if (next !== repeat) return setError(t('keys.pin.mismatch'));
    setBusy(true);
    setError(null);
    try {
      if (change) await keysChangePin(k.path, current, next);
      else await keysSetPin(k.path, next);
      setSaved(true);
    } catch (err) {
      setError(keyErrorText(t, err));
    } finally {
      setBusy(false);
      setCurrent('');
      setNext('');
      setRepeat('');
    }
  };

  if (saved) return <KeyDone message={t('keys.pin.saved')} onDone={onDone} />;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {change && k.pinRetries !== undefined ? (
        <p className="hint">{t('keys.pinSetRetries', { retries: k.pinRetries })}</p>
      ) : null}
      {change ? (
        <KeyPinField
          label={t('keys.pin.current')}
          value={current}
          onChange={setCurrent}
          autoFocus
        />
      ) : null}
      <KeyPinField
        label={t('keys.pin.next')}
        value={next}
        onChange={setNext}
        help={t('keys.pin.policy', { min })}
        autoFocus={!change}
      />
      <KeyPinField label={t('keys.pin.repeat')} value={repeat} onChange={setRepeat} />
      <FormError message={error} />
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          {t('keys.back')}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={busy || (change && current === '') || next === ''}
        >
          {t('keys.pin.save')}
        </button>
      </div>
    </form>
  );
}
