import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import type { PendingCredential } from './KeyCredentialList';

/** The confirmation of one passkey's deletion; it asks for the key's PIN again (main keeps no PIN token). */
export function KeyCredentialDelete(props: {
  pending: PendingCredential;
  pin: string;
  onPin: (pin: string) => void;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { pending, pin } = props;
  return (
    <form
      className="key-confirm"
      role="group"
      aria-label={t('keys.creds.confirmTitle')}
      onSubmit={props.onSubmit}
      noValidate
    >
      <p>{t('keys.creds.confirm', { user: pending.user, site: pending.site })}</p>
      <Field
        label={t('keys.creds.pin')}
        help={t('keys.creds.pinAgain')}
        type="password"
        autoComplete="off"
        value={pin}
        autoFocus
        onChange={(e) => props.onPin(e.target.value)}
      />
      <div className="dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          {t('keys.cancel')}
        </button>
        <button type="submit" className="primary danger-fill" disabled={props.busy || pin === ''}>
          {t('keys.creds.confirmDelete')}
        </button>
      </div>
    </form>
  );
}
