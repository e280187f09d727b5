import QRCode from 'qrcode';
import { formatOtpauthUri } from '../../../../shared/otp/uri';
import { encodeBase32 } from '../../../../shared/otp/base32';
import type { VaultAccount } from '../vault-account';

/**
 * A printable sheet: one self-contained HTML file (no script, no external resource, CSP forbids
 * both) with, per account, its names, a QR code of its otpauth:// link (PNG data URL, so any
 * printer or browser renders it) and the Base32 secret for typing. Names are HTML-escaped. It is
 * written only behind the same warning and acknowledgement as the plain export.
 */
export async function renderQrSheet(
  accounts: readonly VaultAccount[],
  nowMs: number,
  lang: 'de' | 'en' = 'en',
): Promise<string> {
  const words = WORDS[lang];
  const cards = await Promise.all(
    accounts.map(async (a) => {
      const uri = formatOtpauthUri({ ...a });
      const png = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
      const title =
        a.issuer !== '' ? `${escapeHtml(a.issuer)} — ${escapeHtml(a.label)}` : escapeHtml(a.label);
      const kind =
        a.type === 'totp'
          ? `TOTP · ${a.algorithm} · ${a.digits} · ${a.period} s`
          : `HOTP · ${a.algorithm} · ${a.digits} · ${words.counter} ${a.counter}`;
      return `<figure class="card"><img alt="${escapeHtml(words.qrOf)} ${title}" src="${png}"><figcaption><strong>${title}</strong><br>${kind}<br><code>${group(encodeBase32(a.secret))}</code></figcaption></figure>`;
    }),
  );
  const date = new Date(nowMs).toISOString().slice(0, 10);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Faktor — ${escapeHtml(words.title)} ${date}</title>
<style>body{font-family:sans-serif;margin:1cm}.warning{border:2px solid #b00;padding:.5em;color:#b00}.card{display:inline-block;width:6cm;margin:.3cm;vertical-align:top;break-inside:avoid;page-break-inside:avoid}.card img{width:5cm;height:5cm}code{font-size:8pt;word-break:break-all}</style>
</head><body>
<h1>${escapeHtml(words.title)} (${date})</h1>
<p class="warning">${escapeHtml(words.warning)}</p>
${cards.join('\n')}
</body></html>
`;
}

const WORDS = {
  en: {
    title: 'Authenticator accounts',
    counter: 'counter',
    qrOf: 'QR code for',
    warning:
      'This sheet holds every secret key in plain form. Anyone who sees it can create your codes. Keep it locked away; delete the file after printing.',
  },
  de: {
    title: 'Authenticator-Konten',
    counter: 'Zähler',
    qrOf: 'QR-Code für',
    warning:
      'Dieses Blatt enthält jeden geheimen Schlüssel im Klartext. Wer es sieht, kann Ihre Codes erzeugen. Bewahren Sie es verschlossen auf und löschen Sie die Datei nach dem Drucken.',
  },
} as const;

function group(b32: string): string {
  return b32.replace(/(.{4})/g, '$1 ').trim();
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
