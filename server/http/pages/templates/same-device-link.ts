/**
 * "In Faktor auf diesem Computer bestätigen" (issue #11, docs/desktop.md): next to a login QR, a
 * `faktor://login` link carrying the SAME payload (shared/servicekonto/same-device-link.ts), for people
 * whose browser and Faktor run on the same computer. The app checks it exactly like the scanned QR.
 */
import { formatSameDeviceLink } from '../../../../shared/servicekonto/same-device-link';
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../view';

/** The link and one line saying what it does. */
export function sameDeviceLink(ctx: PageContext, loginPayload: string): SafeHtml {
  return html`<p><a class="button" href="${formatSameDeviceLink(loginPayload)}" data-testid="same-device-link">${ctx.t('desktop.sameDevice')}</a><br><small>${ctx.t('desktop.sameDevice.hint')}</small></p>`;
}
