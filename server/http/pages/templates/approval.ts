/**
 * Pages of the online approval with number matching (issue #9): the username form that sends a
 * request to the paired desktop app(s), the waiting page that shows the number to choose in Faktor
 * (it re-checks by itself through the HTTP Refresh header — no script, so the strict CSP holds), and
 * the desktop-app block of the step-up page with an offline QR and an online request per app.
 */
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import { field, formatTime, postForm, tHtml, type PageContext } from '../view';
import { codeFieldId } from './auth';
import { codeForm, qrBlock, type QrVM } from './desktop-app';

/** Login by online approval, first step: the username. */
export function pushLoginStartPage(ctx: PageContext, vm: { next?: string }): SafeHtml {
  return layout(
    ctx,
    ctx.t('desktop.push.title'),
    html`<p>${ctx.t('desktop.push.intro')}</p>
${postForm(ctx, '/login/desktop-app/push', html`${vm.next ? html`<input type="hidden" name="next" value="${vm.next}">` : ''}${field({ name: 'username', label: ctx.t('login.username'), value: ctx.values?.username, error: ctx.errors?.['f-username'], required: true, autocomplete: 'username' })}<button type="submit">${ctx.t('desktop.push.send')}</button>`, { id: 'push-login-form' })}
<p><a href="/login/desktop-app">${ctx.t('desktop.login.link')}</a></p>`,
  );
}

/** The waiting page: the number to choose in Faktor, its expiry, a manual re-check and a way out. */
export function pushWaitPage(
  ctx: PageContext,
  vm: { number: number; expiresAt: number; checkHref: string; cancelHref: string },
): SafeHtml {
  return layout(
    ctx,
    ctx.t('desktop.push.waitTitle'),
    html`<p class="match" data-testid="push-wait">${ctx.t('desktop.push.number')} <strong class="match-number" data-testid="push-number">${String(vm.number)}</strong></p>
<p>${ctx.t('desktop.push.waitHint')}</p>
<p>${tHtml(ctx, 'desktop.qr.expires', { time: formatTime(ctx, vm.expiresAt) })}</p>
<p><a class="button" href="${vm.checkHref}" data-testid="push-check">${ctx.t('desktop.push.check')}</a> <a href="${vm.cancelHref}">${ctx.t('common.cancel')}</a></p>`,
  );
}

/** A form that sends an online request in the session: to one desktop app (`meansId`) or to all. */
export function pushForm(
  ctx: PageContext,
  vm: { meansId: string | 'all'; next: string; back: string; label: string },
): SafeHtml {
  return postForm(
    ctx,
    '/auth/push',
    html`<input type="hidden" name="meansId" value="${vm.meansId}"><input type="hidden" name="next" value="${vm.next}"><input type="hidden" name="back" value="${vm.back}"><button type="submit" data-testid="push-send">${vm.label}</button>`,
    { class: 'push-form' },
  );
}

/**
 * One desktop app on the step-up page: an online request to it, or its own offline login QR + code.
 * `online: false` (a blocked desktop app on its unblock page) leaves the request button out: the server
 * sends a blocked means no online request, so the button could only fail.
 */
export function desktopStepUpOption(
  ctx: PageContext,
  vm: {
    meansId: string;
    qr: QrVM | undefined;
    online: boolean;
    action: string;
    next: string;
    back: string;
    submitLabel: string;
  },
): SafeHtml {
  return html`${vm.online ? pushForm(ctx, { meansId: vm.meansId, next: vm.next, back: vm.back, label: ctx.t('desktop.push.stepup') }) : ''}
${vm.qr ? html`<p>${ctx.t('desktop.push.offline')}</p>${qrBlock(ctx, vm.qr, `login-qr-${vm.meansId}`)}${codeForm(ctx, vm.action, {}, vm.submitLabel, codeFieldId(vm.meansId))}` : ''}`;
}
