import { FaktorError } from '../errors';

/*
 * Account and issuer names come from QR codes, links, files and typing — i.e. from whoever made the
 * code. Invisible controls in them can fake another name on screen: U+202E turns "moc.lapyap" into
 * "paypal.com", a newline or ESC sequence breaks the layout of lists and logs. One rule, applied
 * after every decoding step (percent escapes, protobuf, JSON), wherever a name enters the vault.
 */

/**
 * Characters a name must not contain: C0 and C1 controls (incl. DEL), the bidi embeddings/overrides
 * U+202A–202E, the isolates U+2066–2069, the marks U+200E/200F and U+061C, and the line/paragraph
 * separators U+2028/2029 (invisible line breaks).
 */
// prettier-ignore
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_NAME_CHAR = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** True when `text` holds a control or bidi-control character (see UNSAFE_NAME_CHAR). */
export function hasUnsafeNameChar(text: string): boolean {
  return UNSAFE_NAME_CHAR.test(text);
}

/**
 * `text` with every such character removed: for names a device reports (a security key's product,
 * its passkeys' site and user names), which are shown — keys screen, CLI output on a terminal, where
 * an ESC sequence would act — but never stored, so there is nothing to refuse.
 */
export function stripUnsafeNameChars(text: string): string {
  return text.replace(new RegExp(UNSAFE_NAME_CHAR.source, 'gu'), '');
}

/** Which name field a check is about; it travels as the error's `name` param. */
export type NameField = 'issuer' | 'label';

/** Throws 'unsafe-name' (params.name = field) when a decoded name holds a control or bidi control; returns it otherwise. */
export function checkName(text: string, field: NameField): string {
  if (hasUnsafeNameChar(text))
    throw new FaktorError('unsafe-name', `${field} holds a control character`, { name: field });
  return text;
}

/** The scripts mixed-script detection tells apart (the ones whose letters imitate Latin ones). */
export type NameScript = 'Latin' | 'Cyrillic' | 'Greek';

const SCRIPTS: ReadonlyArray<readonly [NameScript, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];

/**
 * The confusable scripts a name mixes (e.g. ['Latin', 'Cyrillic'] for "pаypal" with a Cyrillic а), or
 * [] when it uses at most one of them. Shown as a warning where the user confirms a new account: a
 * real service name practically never mixes these, a look-alike does.
 */
export function mixedScripts(text: string): NameScript[] {
  const found = SCRIPTS.filter(([, re]) => re.test(text)).map(([name]) => name);
  return found.length > 1 ? found : [];
}
