/** An `issuer:account` label split per the Key Uri Format ABNF; `issuer` is null when there is no prefix. */
export interface SplitLabel {
  readonly issuer: string | null;
  readonly account: string;
}

/**
 * Splits a decoded label (otpauth path or migration `name`) at its first colon. After a non-empty
 * issuer prefix the spaces the ABNF allows before the account name are dropped
 * (`issuer ":" *"%20" accountname`); after an empty prefix (":  alice") there is no issuer to
 * separate from, so the account keeps its leading spaces — the form joinLabel writes for such names.
 */
export function splitLabel(label: string): SplitLabel {
  const colon = label.indexOf(':');
  if (colon < 0) return { issuer: null, account: label };
  const issuer = label.slice(0, colon);
  const rest = label.slice(colon + 1);
  if (issuer === '') return { issuer: null, account: rest };
  return { issuer, account: rest.replace(/^ +/, '') };
}

/**
 * Builds the label that splitLabel reads back as exactly (issuer, account), so export → import is the
 * identity. The issuer prefix is left out when it cannot be carried: an issuer with a colon, or an
 * account starting with a space (the ABNF's separator spaces would eat it); the issuer then travels
 * only in `issuer=`.
 */
export function joinLabel(issuer: string, account: string): string {
  const prefix = issuer.includes(':') || account.startsWith(' ') ? '' : issuer;
  return prefix !== '' || account.includes(':') ? `${prefix}:${account}` : account;
}
