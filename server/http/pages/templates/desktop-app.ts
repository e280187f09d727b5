/**
 * Pages of the desktop-app means (issue #9): the pairing QR, a login QR with its code form (offline
 * login, §4.2 confirmation, step-up), and the first step of the offline login. The payload is also
 * shown as text so Faktor can take it from the clipboard.
 */
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import { sameDeviceLink } from './same-device-link';
import {
  field,
  formatTime,
  levelText,
  postForm,
  tHtml,
  type Notice,
  type PageContext,
  type PageLevel,
} from '../view';

/** A QR as the pages show it. */
export interface QrVM {
  svg: SafeHtml;
  payload: string;
  expiresAt: number;
}

/** The QR figure, its text form and its expiry; a login QR also gets its same-device link. */
export function qrBlock(ctx: PageContext, qr: QrVM, testId: string): SafeHtml {
  return html`<figure class="qr" data-testid="${testId}">${qr.svg}</figure>
<p><label for="${testId}-payload">${ctx.t('desktop.qr.payload')}</label><br><input id="${testId}-payload" class="uri" readonly value="${qr.payload}" data-testid="${testId}-payload"></p>
<p>${tHtml(ctx, 'desktop.qr.expires', { time: formatTime(ctx, qr.expiresAt) })}</p>${testId.startsWith('login-qr') ? sameDeviceLink(ctx, qr.payload) : ''}`;
}

/** The 8-digit code field (id `fieldId`; its error comes back by that id) plus hidden fields, posting to `action`. */
export function codeForm(
  ctx: PageContext,
  action: string,
  hidden: Readonly<Record<string, string>>,
  submit: string,
  fieldId = 'f-code',
): SafeHtml {
  const inputs = Object.entries(hidden).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  );
  return postForm(
    ctx,
    action,
    html`${inputs}${field({ name: 'code', id: fieldId, label: ctx.t('desktop.qr.codeLabel'), error: ctx.errors?.[fieldId], required: true, autocomplete: 'one-time-code', inputmode: 'numeric' })}<button type="submit">${submit}</button>`,
    { id: 'desktop-code-form' },
  );
}

/** "Desktop-App hinzufügen": the pairing QR and the way on to the confirmation. */
export function pairingPage(
  ctx: PageContext,
  vm: { qr: QrVM; level: PageLevel; notices?: Notice[] },
): SafeHtml {
  return layout(
    ctx,
    ctx.t('desktop.pair.title'),
    html`<p>${ctx.t('desktop.pair.intro')}</p>
<p>${ctx.t('desktop.pair.level', { level: levelText(ctx, vm.level) })}</p>
${qrBlock(ctx, vm.qr, 'pairing-qr')}
<p><a class="button" href="/means/desktop-app/continue" data-testid="pairing-continue">${ctx.t('desktop.pair.continue')}</a></p>`,
    { notices: vm.notices },
  );
}

/** A login QR with the code form: §4.2 confirmation, step-up, or the offline login itself. */
export function loginQrPage(
  ctx: PageContext,
  vm: {
    title: string;
    intro: string;
    qr: QrVM;
    action: string;
    hidden: Readonly<Record<string, string>>;
    submit: string;
    fieldId?: string;
    notices?: Notice[];
    before?: SafeHtml;
  },
): SafeHtml {
  return layout(
    ctx,
    vm.title,
    html`${vm.before ?? ''}<p>${vm.intro}</p>${qrBlock(ctx, vm.qr, 'login-qr')}${codeForm(ctx, vm.action, vm.hidden, vm.submit, vm.fieldId)}`,
    { notices: vm.notices },
  );
}

/** Offline login, first step: the username. */
export function desktopLoginStartPage(ctx: PageContext, vm: { notices?: Notice[] }): SafeHtml {
  return layout(
    ctx,
    ctx.t('desktop.login.title'),
    html`<p>${ctx.t('desktop.login.intro')}</p>
${postForm(ctx, '/login/desktop-app', html`${field({ name: 'username', label: ctx.t('login.username'), value: ctx.values?.username, error: ctx.errors?.['f-username'], required: true, autocomplete: 'username' })}<button type="submit">${ctx.t('desktop.login.show')}</button>`, { id: 'desktop-login-form' })}
<p><a href="/login/desktop-app/push">${ctx.t('desktop.push.link')}</a></p>`,
    { notices: vm.notices },
  );
}
