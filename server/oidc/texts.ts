/**
 * German and English wording of the OpenID Connect pages (consent, continue, logout, errors) and of
 * the "services" section of the account overview. Kept next to the OIDC code so the shared page
 * tables stay untouched; the same {name} placeholders as server/i18n.
 */
import type { Lang } from '../i18n';

const de = {
  'consent.title': 'Daten an einen Online-Dienst übermitteln',
  'consent.intro':
    '„{client}“ möchte folgende Angaben aus Ihrem Servicekonto erhalten. Gefordertes Vertrauensniveau: {level}.',
  'consent.released': 'Wird übermittelt (wenn Sie zustimmen)',
  'consent.withheld': 'Wird nicht übermittelt',
  'consent.unverified': 'nicht überprüft (Basisregistrierung)',
  'consent.allow': 'Zustimmen und weiter',
  'consent.deny': 'Abbrechen',
  'consent.none': 'Keine Angaben außer Ihrer Anmeldung.',
  'consent.remember':
    'Ihre Zustimmung gilt für diesen Dienst, bis Sie sie in Ihrem Konto widerrufen.',
  'continue.title': 'Weiter zum Online-Dienst',
  'continue.text': 'Sie werden zu „{client}“ weitergeleitet.',
  'continue.link': 'Weiter',
  'hop.title': 'Anmeldung beim Servicekonto',
  'hop.link': 'Weiter zur Anmeldung',
  'reason.missing': 'nicht im Konto gespeichert',
  'reason.below-target': 'Vertrauensniveau zu niedrig',
  'reason.needs-reconfirmation': 'wartet auf Ihre Bestätigung',
  'reason.no-consent': 'keine Zustimmung',
  'reason.session-below-target': 'Anmeldung unter dem geforderten Vertrauensniveau',
  'logout.title': 'Abmelden',
  'logout.question':
    'Möchten Sie sich beim Servicekonto und bei allen Online-Diensten dieser Sitzung abmelden?',
  'logout.yes': 'Ja, abmelden',
  'logout.no': 'Nein, angemeldet bleiben',
  'logout.done': 'Sie sind abgemeldet.',
  'error.title': 'Anmeldung nicht möglich',
  'error.text': 'Die Anfrage des Online-Dienstes konnte nicht bearbeitet werden.',
  'services.title': 'Online-Dienste mit Ihrer Zustimmung',
  'services.none': 'Sie haben noch keinem Online-Dienst Angaben freigegeben.',
  'services.revoke': 'Widerrufen',
  'services.revokeAll': 'Alle Zustimmungen für diesen Dienst widerrufen',
  'services.revoked': 'Zustimmung widerrufen.',
} as const;

/** A key of the OIDC text table. */
export type OidcTextKey = keyof typeof de;

const en: Readonly<Record<OidcTextKey, string>> = {
  'consent.title': 'Share data with an online service',
  'consent.intro':
    '“{client}” asks for the following data from your Servicekonto. Required Vertrauensniveau: {level}.',
  'consent.released': 'Shared (if you agree)',
  'consent.withheld': 'Not shared',
  'consent.unverified': 'Basisregistrierung',
  'consent.allow': 'Agree and continue',
  'consent.deny': 'Cancel',
  'consent.none': 'Nothing but your login.',
  'consent.remember': 'Your consent holds for this service until you withdraw it in your account.',
  'continue.title': 'Continue to the online service',
  'continue.text': 'You are being sent to “{client}”.',
  'continue.link': 'Continue',
  'hop.title': 'Servicekonto login',
  'hop.link': 'Continue to login',
  'reason.missing': 'not stored in the account',
  'reason.below-target': 'Vertrauensniveau too low',
  'reason.needs-reconfirmation': 'waiting for your confirmation',
  'reason.no-consent': 'no consent',
  'reason.session-below-target': 'login below the required Vertrauensniveau',
  'logout.title': 'Log out',
  'logout.question': 'Log out of the Servicekonto and of every online service of this session?',
  'logout.yes': 'Yes, log out',
  'logout.no': 'No, stay logged in',
  'logout.done': 'You are logged out.',
  'error.title': 'Login not possible',
  'error.text': 'The online service’s request could not be processed.',
  'services.title': 'Online services with your consent',
  'services.none': 'You have not shared data with any online service yet.',
  'services.revoke': 'Withdraw',
  'services.revokeAll': 'Withdraw every consent for this service',
  'services.revoked': 'Consent withdrawn.',
};

/** A translate function for the OIDC texts. */
export type OidcTranslate = (key: OidcTextKey, params?: Readonly<Record<string, string>>) => string;

/** The OIDC texts in one language. */
export function oidcTexts(lang: Lang): OidcTranslate {
  const dict: Readonly<Record<OidcTextKey, string>> = lang === 'en' ? en : de;
  return (key, params) =>
    (dict[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
}
