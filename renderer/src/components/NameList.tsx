import { displayName } from '../store/selectors';

/**
 * Accounts by their display name, each isolated from the page's text direction (the names come from a
 * file or a QR code): the import preview and the Google export scan list them the same way.
 */
export function NameList({
  accounts,
  className,
}: {
  accounts: ReadonlyArray<{ issuer: string; label: string }>;
  className: string;
}) {
  return (
    <ul className={className}>
      {accounts.map((a, i) => (
        <li key={i}>
          <bdi>{displayName(a)}</bdi>
        </li>
      ))}
    </ul>
  );
}
