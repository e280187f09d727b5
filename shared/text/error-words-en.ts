import type { ErrorCode } from '../errors';

/**
 * The English words for every error code, in one place for the app (renderer i18n) and the tester
 * CLI, so a refusal reads the same in both; the type demands a sentence for every code.
 */
export const ERROR_WORDS_EN = {
  'invalid-uri':
    'This link could not be read. It must be an otpauth:// link as shown next to the QR code.',
  'invalid-secret':
    'The secret key is not valid. It may only contain the letters A–Z and the digits 2–7.',
  'invalid-parameter':
    'One of the values is not allowed (for example the number of digits or the period).',
  'unsupported-payload': 'This kind of code is not supported.',
  'invalid-migration': 'This Google Authenticator export could not be read.',
  'invalid-request': 'The request was not valid. Please check your input.',
  'keychain-unavailable':
    'The system keychain cannot be reached. Make sure your keyring (for example GNOME Keyring or KWallet) is running.',
  'keychain-locked': 'The system keychain is locked. Unlock it and try again.',
  'vault-key-missing':
    'The key for your accounts is missing from the system keychain. Restore it, or import a backup.',
  'vault-corrupt': 'The account file is damaged. Import a backup to restore your accounts.',
  'vault-locked': 'Faktor is locked. Unlock it first.',
  'wrong-password': 'Wrong password.',
  'too-many-attempts': 'Too many attempts. Wait a moment and try again.',
  'not-found': 'This account no longer exists.',
  duplicate: 'This account is already in Faktor.',
  'invalid-backup':
    'This file is not a Faktor backup or a list of otpauth:// links. Nothing was imported.',
  'backup-wrong-password': 'The backup password is wrong. Nothing was imported.',
  cancelled: 'Cancelled.',
  'import-damaged': 'The file is damaged, incomplete or holds no accounts. Nothing was imported.',
  'import-unknown-format': 'Faktor does not know this file format. Nothing was imported.',
  'import-unsupported':
    'This kind of file cannot be imported (for example a password-protected Bitwarden export). Export it unencrypted and try again. Nothing was imported.',
  'no-qr-found': 'No QR code was found.',
  'image-unreadable': 'The image could not be read.',
  'screen-capture-denied': 'Faktor is not allowed to capture the screen.',
  'camera-denied': 'Faktor is not allowed to use the camera.',
  'key-protocol':
    'The security key sent an answer Faktor cannot read. Unplug it, plug it in again and retry.',
  'key-refused': 'The security key refused this request.',
  'key-pin-invalid': 'Wrong PIN for the security key.',
  'key-pin-blocked':
    'The security key PIN is blocked. Unplug the key and plug it in again; if it stays blocked, only a reset (which deletes its credentials) helps.',
  'key-pin-required': 'This security key needs a PIN first.',
  'key-pin-policy': 'The security key does not accept this PIN (too short or too long).',
  'key-no-credentials': 'No matching credential is stored on the security key.',
  'key-credential-excluded': 'This security key is already registered here.',
  'key-timeout': 'The security key was not touched in time.',
  'key-removed': 'The security key was removed.',
  'key-permission-denied':
    'Faktor may not access the security key. On Linux, install the udev rule shown (TAG+="uaccess") and plug the key in again.',
  'key-busy': 'The security key is busy with another program. Try again in a moment.',
  'key-unsupported': 'The security key does not support this.',
  'forbidden-sender': 'This request was refused for security reasons.',
  'protocol-version':
    'This Servicekonto code comes from a newer or unknown version. Update Faktor or the server.',
  'protocol-malformed':
    'This Servicekonto code or answer is damaged or incomplete. Nothing was stored.',
  'protocol-oversize': 'This Servicekonto code or answer is too large. Nothing was stored.',
  'protocol-origin':
    'This Servicekonto code names a server address Faktor does not accept (it must use https, or http only on this computer).',
  'protocol-expired':
    'This Servicekonto code has expired. Reload the page in your browser to get a new one.',
  internal: 'Something went wrong inside Faktor. Please try again.',
  'unsafe-name':
    'The name contains invisible control or text-direction characters, which can make it look like another name. Nothing was added or changed.',
  'invalid-pin': 'The PIN must be 6 or more digits.',
  'not-paired':
    'Faktor is not paired with this server and account. Do not enter a code: this QR code may come from a fake login page.',
  'server-unreachable':
    'The Servicekonto server cannot be reached. Check the connection and try again.',
  'server-refused': 'The Servicekonto server refused the request.',
  'data-dir-busy':
    "Faktor's data is in use by another Faktor (app or command line). Close it and try again.",
  'key-several-plugged':
    'More than one security key is plugged in. Unplug every key except the one to reset, then try again.',
  'protocol-replayed':
    'This approval link was already opened. Reload the login page to get a new one.',
  'os-unlock-unavailable':
    'Unlocking with Touch ID is not set up or not offered on this computer. Enter your app password.',
  'os-unlock-refused':
    'Touch ID did not confirm you (cancelled or not recognised). Enter your app password instead.',
  'os-unlock-stale':
    'Unlocking with Touch ID no longer fits your accounts (the app password or the accounts file changed), so it was turned off. Enter your app password; you can turn it on again in Settings.',
  'code-not-due': 'The next code is shown only in the last seconds of the current one.',
  'group-not-found': 'No account is in this group any more.',
  'invalid-group-name': 'A group name needs 1 to 32 characters and no comma.',
} satisfies Record<ErrorCode, string>;
