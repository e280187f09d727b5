import { useTranslation } from 'react-i18next';
import type { KeyCredentialGroup } from '../../../../shared/ipc/keys-schemas';

/** The passkey the user asked to delete, waiting for the confirmation. */
export interface PendingCredential {
  readonly credentialId: string;
  readonly site: string;
  readonly user: string;
}

/** The key's passkeys, one row per credential with its site and user, each with a delete button. */
export function KeyCredentialList({
  groups,
  onDelete,
}: {
  groups: readonly KeyCredentialGroup[];
  onDelete: (p: PendingCredential) => void;
}) {
  const { t } = useTranslation();
  const all = groups.flatMap((g) =>
    g.credentials.map((c) => ({ ...c, site: g.rpName ? `${g.rpName} (${g.rpId})` : g.rpId })),
  );
  if (all.length === 0) return <p role="status">{t('keys.creds.empty')}</p>;
  return (
    <ul className="key-creds" aria-label={t('keys.creds.listLabel')}>
      {all.map((c) => {
        const user = c.userDisplayName || c.userName || t('keys.creds.noUser');
        return (
          <li key={c.credentialId}>
            <span className="key-cred-site">{c.site}</span>
            <span>{user}</span>
            <button
              type="button"
              className="danger"
              aria-label={t('keys.creds.deleteOne', { user, site: c.site })}
              onClick={() => onDelete({ credentialId: c.credentialId, site: c.site, user })}
            >
              {t('keys.creds.delete')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
