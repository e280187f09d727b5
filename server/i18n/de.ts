/**
 * German page texts (the reference language). `en.ts` must provide exactly the same keys; the type
 * `Messages` enforces that. Placeholders are `{name}`; values are escaped when rendered, so no
 * message may contain markup.
 */
export const de = {
  'app.name': 'Servicekonto (Referenz)',
  'app.testMode': 'TESTMODUS – Testuhr, Test-eID und Postausgänge aktiv. Nicht für echte Daten.',
  'nav.account': 'Mein Konto',
  'nav.login': 'Anmelden',
  'nav.register': 'Konto erstellen',
  'nav.block': 'Sperren',
  'nav.logout': 'Abmelden',
  'nav.outboxSms': 'SMS-Postausgang',
  'nav.outboxEmail': 'E-Mail-Postausgang',
  'nav.language': 'English',
  'nav.languageHint': 'Switch to English',
  'nav.skip': 'Zum Inhalt springen',

  'level.basisregistrierung': 'Basisregistrierung',
  'level.niedrig': 'niedrig',
  'level.substanziell': 'substanziell',
  'level.hoch': 'hoch',
  'level.gloss.basisregistrierung': 'nicht verifiziert',
  'level.gloss.niedrig': '',
  'level.gloss.substanziell': '',
  'level.gloss.hoch': '',
  'level.none': 'nicht angemeldet',

  'kind.password': 'Benutzername und Passwort',
  'kind.password+totp': 'Passwort + Authenticator-App (TOTP)',
  'kind.password+sms': 'Passwort + SMS-Code',
  'kind.password+security-key': 'Passwort + Sicherheitsschlüssel',
  'kind.platform-authenticator': 'Plattform-Authentifikator (mit Benutzerverifikation)',
  'kind.desktop-app': 'Desktop-App (Faktor)',
  'kind.eid': 'Online-Ausweisfunktion (eID)',
  'kind.email-otp': 'E-Mail-Code',
  'status.pending': 'noch nicht bestätigt',
  'status.active': 'aktiv',
  'status.blocked': 'gesperrt',
  'status.removed': 'entfernt',

  'attr.givenNames': 'Vornamen',
  'attr.familyName': 'Familienname',
  'attr.birthName': 'Geburtsname',
  'attr.dateOfBirth': 'Geburtsdatum',
  'attr.placeOfBirth': 'Geburtsort',
  'attr.address': 'Anschrift',
  'attr.email': 'E-Mail-Adresse',
  'attr.phone': 'Telefonnummer',
  'attr.nationality': 'Staatsangehörigkeit',
  'attr.deMail': 'De-Mail-Adresse',

  'error.title': 'Das hat nicht geklappt',
  'error.generic':
    'Die Anmeldung ist fehlgeschlagen. Bitte prüfen Sie Ihre Angaben und versuchen Sie es erneut.',
  'error.csrf':
    'Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  'error.invalid': 'Bitte prüfen Sie Ihre Eingaben.',
  'error.level':
    'Dafür ist eine Anmeldung auf Vertrauensniveau {level} nötig. Bitte melden Sie sich zusätzlich mit einem passenden Mittel an.',
  'error.notFound': 'Diese Seite gibt es nicht.',
  'error.loginRequired': 'Bitte melden Sie sich an.',
  'error.throttled': 'Zu viele Versuche. Bitte warten Sie kurz und versuchen Sie es erneut.',
  'error.usernameTaken': 'Dieser Benutzername ist nicht verfügbar. Bitte wählen Sie einen anderen.',
  'error.weakPassword':
    'Das Passwort ist zu kurz oder zu verbreitet. Bitte mindestens {min} Zeichen und kein häufiges Passwort.',
  'error.codeWrong': 'Der Code passt nicht oder ist abgelaufen.',
  'error.meansDependent':
    'Entfernen Sie zuerst die Anmeldemittel, die auf dem Passwort aufbauen (Passwort + Code, SMS oder Sicherheitsschlüssel).',
  'error.internal': 'Ein interner Fehler ist aufgetreten.',
  'error.back': 'Zurück',

  'register.title': 'Servicekonto erstellen',
  'register.intro':
    'Ihre Angaben werden als Basisregistrierung gespeichert (selbst eingegeben, nicht verifiziert). Benutzername und Passwort sind ein Authentisierungsmittel auf Vertrauensniveau niedrig.',
  'register.attributes': 'Angaben zur Person',
  'register.credentials': 'Zugangsdaten',
  'register.username': 'Benutzername',
  'register.password': 'Passwort',
  'register.passwordHint': 'Mindestens {min} Zeichen. Gerne ein langer Satz.',
  'register.blockPassword': 'Sperrpasswort',
  'register.blockPasswordHint':
    'Damit können Sie Ihre Anmeldemittel jederzeit ohne Anmeldung sperren (z. B. bei Verlust). Bitte ein anderes als das Passwort.',
  'register.submit': 'Konto erstellen',
  'register.optional': 'optional',
  'register.done.title': 'Konto erstellt',
  'register.done.body':
    'Ihr Servicekonto {username} ist angelegt. Sie sind auf Vertrauensniveau niedrig angemeldet.',
  'register.done.deleteLevel':
    'Zum Löschen des Kontos ist eine Anmeldung auf Vertrauensniveau {level} nötig.',
  'register.done.deleteLevelRule': 'Regel: {rule}',
  'register.done.next': 'Weiter zu Ihrem Konto',
  'register.done.deleteDelay':
    'Wählen Sie beim Löschen „verzögert“, wird das Konto {days} Tage lang vollständig gesperrt und dann gelöscht.',

  'login.title': 'Anmelden',
  'login.username': 'Benutzername',
  'login.password': 'Passwort',
  'login.submit': 'Anmelden',
  'login.noAccount': 'Noch kein Konto?',
  'login.lost': 'Anmeldemittel verloren? Hier sperren',

  'stepup.title': 'Mit weiterem Mittel anmelden',
  'stepup.intro':
    'Sie sind auf Vertrauensniveau {level} angemeldet. Mit einem weiteren Anmeldemittel erreichen Sie ein höheres Vertrauensniveau.',
  'stepup.none': 'Sie haben kein weiteres aktives Anmeldemittel.',
  'stepup.reaches': 'erreicht {level}',
  'stepup.skip': 'Ohne weiteres Mittel fortfahren',
  'stepup.code': 'Code',
  'stepup.submit': 'Bestätigen',
  'stepup.sendSms': 'SMS-Code senden',
  'stepup.smsSent': 'Ein Code wurde an die hinterlegte Nummer gesendet.',
  'stepup.webauthn': 'Mit Sicherheitsschlüssel anmelden',
  'stepup.eid': 'Mit Test-eID anmelden',

  'webauthn.needsJs':
    'Für Sicherheitsschlüssel und Plattform-Authentifikatoren wird JavaScript benötigt (WebAuthn).',
  'webauthn.unsupported': 'Dieser Browser unterstützt WebAuthn nicht.',
  'webauthn.failed':
    'Der Vorgang mit dem Sicherheitsschlüssel ist fehlgeschlagen oder wurde abgebrochen.',

  'account.title': 'Mein Servicekonto',
  'account.username': 'Benutzername',
  'account.maxLevel': 'Maximales Vertrauensniveau',
  'account.maxLevelHint': 'Das höchste Vertrauensniveau Ihrer aktiven Anmeldemittel.',
  'account.sessionLevel': 'Aktuelle Anmeldung',
  'account.sessionRemaining': 'noch {minutes} min (Inaktivität), höchstens {total} min',
  'account.sessionDowngraded':
    'Ihre Anmeldung wurde wegen Zeitablauf auf {level} herabgestuft. Melden Sie sich erneut mit einem weiteren Mittel an, um wieder {previous} zu erreichen.',
  'account.attributes': 'Angaben (Attribute)',
  'account.attribute': 'Attribut',
  'account.value': 'Wert',
  'account.level': 'Vertrauensniveau',
  'account.empty': '(leer)',
  'account.means': 'Anmeldemittel',
  'account.meansKind': 'Mittel',
  'account.meansLabel': 'Bezeichnung',
  'account.meansStatus': 'Status',
  'account.lastUsed': 'Zuletzt verwendet',
  'account.never': 'nie',
  'account.actions': 'Aktionen',
  'account.addMeans': 'Anmeldemittel hinzufügen',
  'account.sessions': 'Aktive Sitzungen',
  'account.sessionThis': 'diese Sitzung',
  'account.sessionStarted': 'Begonnen',
  'account.sessionRemainingCol': 'Restzeit',
  'account.verifyEmail': 'E-Mail-Adresse bestätigen',
  'account.eid': 'Mit Online-Ausweis (Test-eID) verifizieren',
  'account.delete': 'Konto löschen',
  'account.stepup': 'Vertrauensniveau erhöhen',
  'account.deletionPending':
    'Ihr Konto ist zur Löschung vorgemerkt am {date}. Es ist bis dahin vollständig gesperrt.',
  'account.reconfirm':
    'Bitte prüfen Sie Ihre übrigen Angaben – einige wurden durch die eID überschrieben.',
  'account.reconfirmAsk': 'Noch richtig?',
  'account.reconfirmYes': 'Ja, behalten',
  'account.reconfirmNo': 'Nein, löschen',
  'account.reconfirmDone': 'Gespeichert.',

  'means.block': 'Sperren',
  'means.unblock': 'Entsperren',
  'means.remove': 'Entfernen',
  'means.confirm': 'Bestätigen',
  'means.new.title': 'Anmeldemittel hinzufügen',
  'means.new.intro':
    'Neue Mittel bleiben „noch nicht bestätigt“, bis Sie sich in dieser Sitzung einmal damit angemeldet haben. Sie brauchen eine Anmeldung mindestens auf dem Niveau des neuen Mittels – oder auf Ihrem bisherigen Höchstniveau, wenn dieses niedriger ist.',
  'means.new.label': 'Bezeichnung (optional)',
  'means.new.phone': 'Mobilnummer',
  'means.new.reaches': 'Dieses Mittel erreicht Vertrauensniveau {level}.',
  'means.new.start': 'Einrichten',
  'means.totp.title': 'Authenticator-App einrichten',
  'means.totp.scan':
    'Scannen Sie den QR-Code mit Ihrer Authenticator-App (z. B. Faktor) oder geben Sie den Link ein. Geben Sie dann den angezeigten Code ein.',
  'means.totp.uri': 'otpauth-Link',
  'means.sms.title': 'SMS-Code einrichten',
  'means.sms.sent': 'Wir haben einen Code an {phone} gesendet.',
  'means.webauthn.title': 'Sicherheitsschlüssel oder Plattform-Authentifikator einrichten',
  'means.webauthn.register': 'Schlüssel registrieren',
  'means.webauthn.confirm': 'Mit dem Schlüssel bestätigen',
  'means.webauthn.platform':
    'Plattform-Authentifikator (z. B. Windows Hello, Touch ID) statt Sicherheitsschlüssel',
  'means.confirm.title': 'Anmeldemittel bestätigen',
  'means.confirm.intro': 'Bestätigen Sie das neue Mittel, indem Sie sich damit anmelden.',
  'means.unblock.title': 'Anmeldemittel entsperren',
  'means.unblock.intro':
    'Zum Entsperren brauchen Sie eine Anmeldung auf Vertrauensniveau {level} und müssen sich zusätzlich mit dem gesperrten Mittel anmelden.',
  'means.remove.confirm': 'Mittel wirklich entfernen?',
  'means.done.blocked': 'Das Mittel ist gesperrt.',
  'means.done.unblocked': 'Das Mittel ist entsperrt.',
  'means.done.removed': 'Das Mittel wurde entfernt.',
  'means.done.confirmed': 'Das Mittel ist bestätigt und aktiv.',

  'block.title': 'Anmeldemittel sperren (Sperrung)',
  'block.intro':
    'Hier sperren Sie ein Anmeldemittel ohne Anmeldung, mit Ihrem Sperrpasswort – z. B. wenn Ihr Sicherheitsschlüssel oder Telefon verloren ist.',
  'block.username': 'Benutzername',
  'block.blockPassword': 'Sperrpasswort',
  'block.which': 'Welches Mittel?',
  'block.all': 'alle Anmeldemittel, auch das Passwort (danach ist keine Anmeldung mehr möglich)',
  'block.submit': 'Sperren',
  'block.done': 'Gesperrt. Das Mittel kann bis zur Entsperrung nicht verwendet werden.',
  'block.choose': 'Wählen Sie das zu sperrende Mittel.',
  'block.continue': 'Weiter',

  'email.title': 'E-Mail-Adresse bestätigen',
  'email.intro':
    'Wir senden einen Bestätigungscode an {email}. Die Adresse gilt danach als auf Vertrauensniveau niedrig verifiziert.',
  'email.send': 'Code senden',
  'email.sent': 'Code gesendet. Bitte geben Sie ihn ein.',
  'email.linkIntro':
    'Der Code aus Ihrer E-Mail ist eingetragen. Bestätigen Sie, um die Adresse zu verifizieren.',
  'email.code': 'Bestätigungscode',
  'email.submit': 'Bestätigen',
  'email.done': 'Die Adresse ist verifiziert.',
  'email.none': 'Sie haben keine E-Mail-Adresse hinterlegt.',

  'eid.title': 'Test-eID (Online-Ausweisfunktion, Testmodus)',
  'eid.intro':
    'Wählen Sie eine Testidentität. Der Anbieter liefert den Mindestdatensatz auf Vertrauensniveau hoch und ein Pseudonym.',
  'eid.pick': 'Mit dieser Identität fortfahren',
  'eid.purpose.login': 'Zweck: Anmeldung',
  'eid.purpose.verify': 'Zweck: Daten verifizieren',
  'eid.purpose.register': 'Zweck: eID als Anmeldemittel registrieren',
  'eid.done': 'Die eID-Daten wurden übernommen.',

  'delete.title': 'Konto löschen',
  'delete.intro':
    'Alle Daten (Angaben, Passwort-Hashes, Pseudonyme, Anmeldemittel) werden gelöscht. Dafür ist eine Anmeldung auf Vertrauensniveau {level} nötig.',
  'delete.immediate': 'Sofort löschen',
  'delete.delayed': 'In {days} Tagen löschen (Konto bis dahin vollständig gesperrt)',
  'delete.confirm': 'Ich möchte mein Konto endgültig löschen.',
  'delete.submit': 'Konto löschen',
  'delete.done': 'Ihr Konto wurde gelöscht.',
  'delete.scheduled': 'Ihr Konto wird am {date} gelöscht und ist bis dahin gesperrt.',

  'outbox.sms.title': 'SMS-Postausgang (Testmodus)',
  'outbox.email.title': 'E-Mail-Postausgang (Testmodus)',
  'outbox.to': 'An',
  'outbox.time': 'Zeit',
  'outbox.text': 'Nachricht',
  'outbox.empty': 'Keine Nachrichten.',

  'logout.done': 'Sie sind abgemeldet. Alle Anmeldungen dieser Sitzung sind beendet.',
  'common.cancel': 'Abbrechen',
  'common.yes': 'Ja',
  'common.minutes': '{n} min',

  'desktop.add': 'Desktop-App (Faktor) hinzufügen',
  'desktop.pair.title': 'Desktop-App hinzufügen',
  'desktop.pair.intro':
    'Scannen Sie diesen Code mit Faktor auf Ihrem Computer („Scannen“ → Bildschirm). Faktor zeigt diesen Server und Ihr Konto; dort wählen Sie eine PIN. Der Code gilt einmal, 5 Minuten lang und nur zusammen mit dieser Anmeldung.',
  'desktop.pair.level':
    'Die Desktop-App erreicht nach der Bestätigung das Vertrauensniveau {level}.',
  'desktop.pair.continue': 'Faktor ist gekoppelt – weiter',
  'desktop.pair.notYet':
    'Faktor wurde mit dieser Anmeldung noch nicht gekoppelt. Scannen Sie zuerst den Code mit Faktor, oder lassen Sie einen neuen Code anzeigen.',
  'desktop.pair.again': 'Neuen Code anzeigen',
  'desktop.confirm.intro':
    'Bestätigen Sie die neue Desktop-App: Scannen Sie diesen Code mit Faktor, geben Sie dort Ihre PIN ein und tippen Sie den Code ein, den Faktor zeigt.',
  'desktop.qr.payload': 'Der Code als Text (für den Import aus der Zwischenablage in Faktor)',
  'desktop.qr.expires': 'Gültig bis {time}.',
  'desktop.qr.codeLabel': 'Code aus Faktor (8 Ziffern)',
  'desktop.login.link': 'Mit der Desktop-App anmelden (QR-Code)',
  'desktop.login.title': 'Anmelden mit der Desktop-App (QR-Code)',
  'desktop.login.intro':
    'Geben Sie Ihren Benutzernamen ein. Danach folgt ein QR-Code; scannen Sie ihn mit Faktor, geben Sie dort Ihre PIN ein und tippen Sie den Code ein, den Faktor zeigt.',
  'desktop.login.show': 'QR-Code anzeigen',
  'desktop.login.scan':
    'Scannen Sie diesen Code mit Faktor auf Ihrem Computer. Faktor prüft, dass er von diesem Server stammt, fragt Ihre PIN ab und zeigt einen Code.',
  'desktop.login.submit': 'Anmelden',
  'desktop.push.link': 'Anfrage an Desktop-App senden',
  'desktop.push.title': 'Anmelden mit Anfrage an die Desktop-App',
  'desktop.push.intro':
    'Geben Sie Ihren Benutzernamen ein. Faktor auf Ihrem Computer zeigt dann eine Anfrage mit drei Zahlen; wählen Sie dort die Zahl, die diese Seite zeigt, und bestätigen Sie mit Ihrer PIN.',
  'desktop.push.send': 'Anfrage senden',
  'desktop.push.waitTitle': 'In der Desktop-App bestätigen',
  'desktop.push.number': 'Wählen Sie in Faktor diese Zahl:',
  'desktop.push.waitHint':
    'Faktor zeigt drei Zahlen. Wählen Sie die Zahl von dieser Seite und geben Sie Ihre PIN ein. Steht die Zahl nicht dabei oder haben Sie nichts angefordert, lehnen Sie die Anfrage ab. Diese Seite prüft alle paar Sekunden von selbst.',
  'desktop.push.check': 'Jetzt prüfen',
  'desktop.push.failed': 'Die Anfrage wurde nicht bestätigt (abgelehnt oder abgelaufen).',
  'desktop.push.again': 'Neue Anfrage senden',
  'desktop.push.stepup': 'Anfrage an diese Desktop-App senden',
  'desktop.push.all': 'Anfrage an alle Desktop-Apps senden',
  'desktop.push.allTitle': 'Alle Desktop-Apps',
  'desktop.push.confirm': 'Oder: Anfrage an die neue Desktop-App senden und dort bestätigen',
  'desktop.push.offline': 'Ohne Verbindung: QR-Code scannen und den Code aus Faktor eintippen.',
  'account.consentRevoked': 'Zustimmung für den Online-Dienst widerrufen.',
  'app.footer': 'Referenz-Servicekonto nach BSI TR-03160-1 – für Tests, nicht für echte Daten.',
  'error.blockSame': 'Das Sperrpasswort muss sich vom Passwort unterscheiden.',
  'delete.choose': 'Wählen Sie, wann das Konto gelöscht werden soll.',
  'desktop.login.expired':
    'Dieser QR-Code ist abgelaufen oder wurde schon verwendet. Bitte fordern Sie einen neuen an.',
  'desktop.sameDevice': 'In Faktor auf diesem Computer bestätigen',
  'desktop.sameDevice.hint':
    'Öffnet Faktor auf diesem Computer mit genau diesem Code. Faktor prüft ihn wie einen gescannten und zeigt danach den Code zum Eintippen.',
} as const;

/** The key set every language must provide. */
export type MessageKey = keyof typeof de;

/** A full dictionary: same keys as German, any wording. */
export type Messages = Readonly<Record<MessageKey, string>>;
