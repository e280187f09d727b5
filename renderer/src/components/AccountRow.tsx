import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { copyCode, nextHotpCode } from '../actions/codes';
import { deleteAccount, moveAccount } from '../actions/accounts';
import { useStore } from '../store';
import { displayName } from '../store/selectors';
import { Countdown } from './Countdown';

/** Groups digits for reading: 123 456, 1234 5678, 12345 67890. */
export function groupDigits(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length >= 6 ? `${code.slice(0, half)} ${code.slice(half)}` : code;
}

/** A stable hue per service name, so avatars are told apart at a glance (no colour set by the user). */
function hueOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

/** Props of AccountRow: the position comes from the list so a row never scans the order itself. */
export interface AccountRowProps {
  id: string;
  /** 1-based position in the (filtered) list. */
  position: number;
  total: number;
}

/**
 * One account: avatar, names, the code (click/Enter/Space copies), countdown, and actions. Memoised:
 * it re-renders only when its own account or code changes.
 */
export const AccountRow = memo(function AccountRow({ id, position, total }: AccountRowProps) {
  const isFirst = position === 1;
  const isLast = position === total;
  const { t } = useTranslation();
  const account = useStore((s) => s.byId[id]);
  const code = useStore((s) => (account?.type === 'hotp' ? s.hotp[id] : s.totp[id]));
  const canReorder = useStore((s) => s.query.trim() === '');
  if (!account) return null;
  const name = displayName(account);
  const initial = (account.issuer || account.label).trim().charAt(0).toLocaleUpperCase() || '?';

  return (
    <li className="account" data-account-id={id} aria-posinset={position} aria-setsize={total}>
      <span className="avatar" aria-hidden="true" style={{ backgroundColor: account.color ?? `hsl(${hueOf(account.issuer || account.label)} 45% 40%)` }}>
        {initial}
      </span>
      <span className="names">
        <span className="issuer">{account.issuer || account.label}</span>
        <span className="label">
          {account.issuer ? account.label : null}
          {account.issuer && account.type === 'hotp' ? ' · ' : null}
          {account.type === 'hotp' ? t('list.hotpHint', { counter: account.counter }) : null}
        </span>
      </span>
      {code ? (
        <button
          type="button"
          className="code"
          data-code={code.code}
          aria-label={t('list.copyLabel', { code: code.code, name })}
          onClick={() => void copyCode(id)}
        >
          {groupDigits(code.code)}
        </button>
      ) : (
        <span className="code code-hidden" aria-label={t('list.codeHidden')}>
          {'•'.repeat(account.digits)}
        </span>
      )}
      {account.type === 'totp' ? (
        code ? (
          <Countdown validFrom={code.validFrom} validUntil={code.validUntil} />
        ) : (
          <span className="countdown" />
        )
      ) : (
        <button type="button" className="secondary next-code" aria-label={t('list.nextCodeLabel', { name })} onClick={() => void nextHotpCode(id)}>
          {t('list.nextCode')}
        </button>
      )}
      <span className="row-actions">
        <button
          type="button"
          className="icon"
          aria-label={t('list.moveUp', { name })}
          title={canReorder ? t('list.moveUp', { name }) : t('list.reorderHint')}
          disabled={!canReorder || isFirst}
          onClick={() => void moveAccount(id, -1)}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          className="icon"
          aria-label={t('list.moveDown', { name })}
          title={canReorder ? t('list.moveDown', { name }) : t('list.reorderHint')}
          disabled={!canReorder || isLast}
          onClick={() => void moveAccount(id, 1)}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className="icon"
          aria-label={t('list.edit', { name })}
          title={t('list.edit', { name })}
          onClick={() => useStore.getState().openDialog({ kind: 'edit', id })}
        >
          <span aria-hidden="true">✎</span>
        </button>
        <button
          type="button"
          className="icon danger"
          aria-label={t('list.delete', { name })}
          title={t('list.delete', { name })}
          onClick={() => void deleteAccount(id)}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </span>
    </li>
  );
});
