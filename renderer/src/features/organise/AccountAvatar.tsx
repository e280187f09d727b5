import type { AccountView } from '../../../../shared/ipc/schemas';
import { iconFor } from './service-icons';

/** A stable hue per service name, so avatars are told apart at a glance (no colour set by the user). */
function hueOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 360;
  return h;
}

/**
 * The decorative square in front of a row: the service's icon (inline SVG from the bundled set, so the
 * CSP needs nothing extra) or the name's first letter, on the account's colour or a hue from its name.
 */
export function AccountAvatar({
  account,
}: {
  account: Pick<AccountView, 'issuer' | 'label' | 'color' | 'icon'>;
}) {
  const name = account.issuer || account.label;
  const icon = iconFor(account.issuer, account.icon);
  const initial = name.trim().charAt(0).toLocaleUpperCase() || '?';
  return (
    <span
      className="avatar"
      aria-hidden="true"
      data-icon={icon?.slug}
      style={{ backgroundColor: account.color ?? `hsl(${hueOf(name)} 45% 40%)` }}
    >
      {icon ? (
        <svg className="avatar-icon" viewBox="0 0 24 24" focusable="false">
          <path d={icon.path} fill="currentColor" />
        </svg>
      ) : (
        initial
      )}
    </span>
  );
}
