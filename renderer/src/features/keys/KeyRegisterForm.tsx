import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairedAccountView } from '../../../../shared/ipc/servicekonto-schemas';
import type { KeyView } from '../../../../shared/ipc/keys-schemas';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PinField } from '../servicekonto/PinField';

/** What the register form holds; KeyRegister keeps it across the touch prompts and clears the secrets after each try. */
export interface RegisterDraft {
  pairing: string;
  label: string;
  pin: string;
  password: string;
  keyPin: string;
}

/**
 * The register form itself: the paired account, an optional label, the Faktor PIN, the account
 * password and (if the key has one) the key's PIN. Submitting is offered once all are there.
 */
export function KeyRegisterForm(props: {
  keyView: KeyView;
  pairings: PairedAccountView[] | null;
  draft: RegisterDraft;
  onChange: (patch: Partial<RegisterDraft>) => void;
  accountChosen: boolean;
  error: string | null;
  onSubmit: (e: FormEvent) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { keyView: k, draft, onChange } = props;
  return (
    <form onSubmit={props.onSubmit} noValidate>
      <p className="hint">{t('keys.register.explain')}</p>
      <AccountSelect
        pairings={props.pairings}
        value={draft.pairing}
        onChange={(pairing) => onChange({ pairing })}
      />
      <Field
        label={t('keys.register.label')}
        value={draft.label}
        maxLength={64}
        help={t('keys.register.labelHelp')}
        onChange={(e) => onChange({ label: e.target.value })}
      />
      <PinField
        label={t('keys.register.pin')}
        value={draft.pin}
        onChange={(pin) => onChange({ pin })}
      />
      <Field
        label={t('keys.register.password')}
        type="password"
        autoComplete="current-password"
        value={draft.password}
        maxLength={128}
        onChange={(e) => onChange({ password: e.target.value })}
      />
      {k.pinSet ? (
        <Field
          label={t('keys.register.keyPin')}
          type="password"
          autoComplete="off"
          value={draft.keyPin}
          maxLength={63}
          onChange={(e) => onChange({ keyPin: e.target.value })}
        />
      ) : null}
      <FormError message={props.error} />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onDone}>
          {t('keys.back')}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={
            !props.accountChosen ||
            draft.pin.length < 6 ||
            draft.password === '' ||
            (k.pinSet === true && draft.keyPin === '')
          }
        >
          {t('keys.register.submit')}
        </button>
      </div>
    </form>
  );
}

/** Which paired account the key is registered at, by account name and server. */
function AccountSelect(props: {
  pairings: PairedAccountView[] | null;
  value: string;
  onChange: (pairing: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('keys.register.account')}
      control={({ id, describedBy }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          autoFocus
        >
          {(props.pairings ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.accountName} · ${p.origin}`}
            </option>
          ))}
        </select>
      )}
    />
  );
}
