import type { ErrorCode } from '../errors';

/**
 * The German words for every error code, in one place for the app (renderer i18n) and the tester
 * CLI, so a refusal reads the same in both; the type demands a sentence for every code.
 */
export const ERROR_WORDS_DE = {
  'invalid-uri':
    'Dieser Link konnte nicht gelesen werden. Es muss ein otpauth://-Link sein, wie er neben dem QR-Code steht.',
  'invalid-secret':
    'Der geheime Schlüssel ist ungültig. Er darf nur die Buchstaben A–Z und die Ziffern 2–7 enthalten.',
  'invalid-parameter':
    'Einer der Werte ist nicht erlaubt (zum Beispiel die Stellenzahl oder die Gültigkeit).',
  'unsupported-payload': 'Diese Art von Code wird nicht unterstützt.',
  'invalid-migration': 'Dieser Export aus dem Google Authenticator konnte nicht gelesen werden.',
  'invalid-request': 'Die Anfrage war ungültig. Bitte prüfen Sie Ihre Eingabe.',
  'keychain-unavailable':
    'Der Schlüsselbund des Systems ist nicht erreichbar. Prüfen Sie, ob Ihr Schlüsselbund (zum Beispiel GNOME Keyring oder KWallet) läuft.',
  'keychain-locked':
    'Der Schlüsselbund des Systems ist gesperrt. Entsperren Sie ihn und versuchen Sie es erneut.',
  'vault-key-missing':
    'Der Schlüssel für Ihre Konten fehlt im Schlüsselbund des Systems. Stellen Sie ihn wieder her oder importieren Sie eine Sicherung.',
  'vault-corrupt':
    'Die Kontodatei ist beschädigt. Importieren Sie eine Sicherung, um Ihre Konten wiederherzustellen.',
  'vault-locked': 'Faktor ist gesperrt. Entsperren Sie es zuerst.',
  'wrong-password': 'Falsches Passwort.',
  'too-many-attempts': 'Zu viele Versuche. Warten Sie einen Moment und versuchen Sie es erneut.',
  'not-found': 'Dieses Konto gibt es nicht mehr.',
  duplicate: 'Dieses Konto ist bereits in Faktor.',
  'invalid-backup':
    'Diese Datei ist keine Faktor-Sicherung und keine Liste von otpauth://-Links. Es wurde nichts importiert.',
  'backup-wrong-password': 'Das Passwort der Sicherung ist falsch. Es wurde nichts importiert.',
  cancelled: 'Abgebrochen.',
  'import-damaged':
    'Die Datei ist beschädigt, unvollständig oder enthält keine Konten. Es wurde nichts importiert.',
  'import-unknown-format': 'Faktor kennt dieses Dateiformat nicht. Es wurde nichts importiert.',
  'import-unsupported':
    'Diese Art Datei kann nicht importiert werden (zum Beispiel ein passwortgeschützter Bitwarden-Export). Exportieren Sie sie unverschlüsselt und versuchen Sie es erneut. Es wurde nichts importiert.',
  'no-qr-found': 'Es wurde kein QR-Code gefunden.',
  'image-unreadable': 'Das Bild konnte nicht gelesen werden.',
  'screen-capture-denied': 'Faktor darf den Bildschirm nicht aufnehmen.',
  'camera-denied': 'Faktor darf die Kamera nicht verwenden.',
  'key-protocol':
    'Der Sicherheitsschlüssel hat eine Antwort gesendet, die Faktor nicht lesen kann. Ziehen Sie ihn ab, stecken Sie ihn wieder ein und versuchen Sie es erneut.',
  'key-refused': 'Der Sicherheitsschlüssel hat diese Anfrage abgelehnt.',
  'key-pin-invalid': 'Falsche PIN für den Sicherheitsschlüssel.',
  'key-pin-blocked':
    'Die PIN des Sicherheitsschlüssels ist gesperrt. Ziehen Sie ihn ab und stecken Sie ihn wieder ein; bleibt sie gesperrt, hilft nur ein Zurücksetzen (das seine Zugangsdaten löscht).',
  'key-pin-required': 'Dieser Sicherheitsschlüssel braucht zuerst eine PIN.',
  'key-pin-policy': 'Der Sicherheitsschlüssel nimmt diese PIN nicht an (zu kurz oder zu lang).',
  'key-no-credentials': 'Auf dem Sicherheitsschlüssel ist kein passender Zugang gespeichert.',
  'key-credential-excluded': 'Dieser Sicherheitsschlüssel ist hier bereits registriert.',
  'key-timeout': 'Der Sicherheitsschlüssel wurde nicht rechtzeitig berührt.',
  'key-removed': 'Der Sicherheitsschlüssel wurde abgezogen.',
  'key-permission-denied':
    'Faktor darf nicht auf den Sicherheitsschlüssel zugreifen. Installieren Sie unter Linux die angezeigte udev-Regel (TAG+="uaccess") und stecken Sie den Schlüssel neu ein.',
  'key-busy':
    'Der Sicherheitsschlüssel ist gerade mit einem anderen Programm beschäftigt. Versuchen Sie es gleich noch einmal.',
  'key-unsupported': 'Der Sicherheitsschlüssel unterstützt das nicht.',
  'forbidden-sender': 'Diese Anfrage wurde aus Sicherheitsgründen abgelehnt.',
  'protocol-version':
    'Dieser Servicekonto-Code stammt aus einer neueren oder unbekannten Version. Aktualisieren Sie Faktor oder den Server.',
  'protocol-malformed':
    'Dieser Servicekonto-Code oder die Antwort ist beschädigt oder unvollständig. Es wurde nichts gespeichert.',
  'protocol-oversize':
    'Dieser Servicekonto-Code oder die Antwort ist zu groß. Es wurde nichts gespeichert.',
  'protocol-origin':
    'Dieser Servicekonto-Code nennt eine Serveradresse, die Faktor nicht annimmt (nur https, http nur auf diesem Computer).',
  'protocol-expired':
    'Dieser Servicekonto-Code ist abgelaufen. Laden Sie die Seite im Browser neu, um einen neuen zu erhalten.',
  internal: 'In Faktor ist etwas schiefgegangen. Bitte versuchen Sie es erneut.',
  'unsafe-name':
    'Der Name enthält unsichtbare Steuer- oder Schreibrichtungszeichen, mit denen er wie ein anderer Name aussehen kann. Nichts wurde hinzugefügt oder geändert.',
  'invalid-pin': 'Die PIN muss aus mindestens 6 Ziffern bestehen.',
  'not-paired':
    'Faktor ist nicht mit diesem Server und Konto gekoppelt. Geben Sie keinen Code ein: Dieser QR-Code kann von einer gefälschten Anmeldeseite stammen.',
  'server-unreachable':
    'Der Servicekonto-Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  'server-refused': 'Der Servicekonto-Server hat die Anfrage abgelehnt.',
  'data-dir-busy':
    'Die Daten von Faktor werden gerade von einem anderen Faktor (App oder Kommandozeile) benutzt. Schließen Sie es und versuchen Sie es erneut.',
  'key-several-plugged':
    'Es sind mehrere Sicherheitsschlüssel eingesteckt. Ziehen Sie alle außer dem zurückzusetzenden ab und versuchen Sie es erneut.',
  'protocol-replayed':
    'Dieser Bestätigungslink wurde schon geöffnet. Laden Sie die Anmeldeseite neu, um einen neuen zu erhalten.',
  'os-unlock-unavailable':
    'Entsperren mit Touch ID ist auf diesem Computer nicht eingerichtet oder nicht verfügbar. Geben Sie Ihr App-Passwort ein.',
  'os-unlock-refused':
    'Touch ID hat Sie nicht bestätigt (abgebrochen oder nicht erkannt). Geben Sie stattdessen Ihr App-Passwort ein.',
  'os-unlock-stale':
    'Entsperren mit Touch ID passt nicht mehr zu Ihren Konten (App-Passwort oder Kontodatei wurden geändert) und wurde deshalb ausgeschaltet. Geben Sie Ihr App-Passwort ein; in den Einstellungen können Sie es wieder einschalten.',
  'code-not-due': 'Der nächste Code wird erst in den letzten Sekunden des aktuellen gezeigt.',
  'group-not-found': 'In dieser Gruppe ist kein Konto mehr.',
  'invalid-group-name': 'Ein Gruppenname braucht 1 bis 32 Zeichen und kein Komma.',
} satisfies Record<ErrorCode, string>;
