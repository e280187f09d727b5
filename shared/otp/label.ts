/** An `issuer:account` label split per the Key Uri Format ABNF; `issuer` is null when there is no prefix. */
export interface SplitLabel {
  readonly issuer: string | null;
  readonly account: string;
}

/**
 * Splits a decoded label (otpauth path or migration `name`) at its first colon and drops the
 * spaces the ABNF allows before the account name (`issuer ":" *"%20" accountname`). An empty
 * prefix (":alice") counts as no prefix.
 */
export function splitLabel(label: string): SplitLabel {
  const colon = label.indexOf(':');
  if (colon < 0) return { issuer: null, account: label };
  const issuer = label.slice(0, colon);
  const account = label.slice(colon + 1).replace(/^ +/, '');
  return { issuer: issuer === '' ? null : issuer, account };
}

/** Builds the label that splitLabel reads back as (issuer, account); colons in the issuer cannot be carried. */
export function joinLabel(issuer: string, account: string): string {
  const prefix = issuer.includes(':') ? '' : issuer;
  return prefix !== '' || account.includes(':') ? `${prefix}:${account}` : account;
}
