import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import { dataTable } from '../table';
import {
  field,
  formatTime,
  levelText,
  postForm,
  radioGroup,
  type Notice,
  type PageContext,
  type PageLevel,
} from '../view';

/** Verify the e-mail address with a code sent to the outbox (§5.1, niedrig). */
export function verifyEmailPage(
  ctx: PageContext,
  vm: { email?: string; sent: boolean; verificationId?: string; notices?: Notice[] },
): SafeHtml {
  if (!vm.email)
    return layout(ctx, ctx.t('email.title'), html`<p>${ctx.t('email.none')}</p>`, {
      notices: vm.notices,
    });
  const send = postForm(
    ctx,
    '/verify-email/send',
    html`<button type="submit"${vm.sent ? html` class="secondary"` : ''}>${ctx.t('email.send')}</button>`,
    { id: 'email-send-form' },
  );
  const confirm = vm.sent
    ? postForm(
        ctx,
        '/verify-email',
        html`<input type="hidden" name="verificationId" value="${vm.verificationId ?? ''}">${field({ name: 'code', label: ctx.t('email.code'), error: ctx.errors?.['f-code'], required: true, autocomplete: 'one-time-code' })}<button type="submit">${ctx.t('email.submit')}</button>`,
        { id: 'email-code-form' },
      )
    : html``;
  return layout(
    ctx,
    ctx.t('email.title'),
    html`<p>${ctx.t('email.intro', { email: vm.email })}</p>${confirm}${send}`,
    { notices: vm.notices },
  );
}

/**
 * The link from the verification e-mail (§5.1, possibly opened in another browser without a session):
 * shows the code from the link in the form; nothing happens until the user presses confirm (a GET
 * never acts — mail scanners and link previews fetch links too).
 */
export function verifyLinkPage(
  ctx: PageContext,
  vm: { verificationId: string; code?: string; notices?: Notice[] },
): SafeHtml {
  const form = postForm(
    ctx,
    '/verify-email',
    html`<input type="hidden" name="verificationId" value="${vm.verificationId}">${field({ name: 'code', label: ctx.t('email.code'), value: vm.code, error: ctx.errors?.['f-code'], required: true, autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{8}' })}<button type="submit">${ctx.t('email.submit')}</button>`,
    { id: 'email-code-form' },
  );
  return layout(
    ctx,
    ctx.t('email.title'),
    html`<p>${vm.code ? ctx.t('email.linkIntro') : ctx.t('email.sent')}</p>${form}`,
    { notices: vm.notices },
  );
}

/** A Mustermann identity the test eID provider can deliver. */
export interface EidIdentityVM {
  id: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  placeOfBirth: string;
}

/** The purposes a test-eID run can have. */
export type EidPurpose = 'authenticate' | 'verify' | 'register';

/** Test eID (test mode only): pick an identity; the server then acts as if the eID card answered. */
export function eidPage(
  ctx: PageContext,
  vm: { purpose: EidPurpose; then: string; identities: EidIdentityVM[]; notices?: Notice[] },
): SafeHtml {
  const purposeKey =
    vm.purpose === 'authenticate'
      ? 'eid.purpose.login'
      : vm.purpose === 'verify'
        ? 'eid.purpose.verify'
        : 'eid.purpose.register';
  const items = vm.identities.map(
    (p) =>
      html`<li data-identity="${p.id}">${postForm(
        ctx,
        '/eid',
        html`<input type="hidden" name="purpose" value="${vm.purpose}"><input type="hidden" name="then" value="${vm.then}"><input type="hidden" name="identity" value="${p.id}">
<strong>${p.givenNames} ${p.familyName}</strong>, ${p.dateOfBirth}, ${p.placeOfBirth}
<button type="submit">${ctx.t('eid.pick')}</button>`,
      )}</li>`,
  );
  return layout(
    ctx,
    ctx.t('eid.title'),
    html`<p>${ctx.t('eid.intro')}</p><p>${ctx.t(purposeKey)}</p><ul class="identities">${items}</ul>`,
    { notices: vm.notices },
  );
}

/** Delete the account (§7): shows the level it needs; immediate or delayed with full lock. */
export function deletePage(
  ctx: PageContext,
  vm: { requiredLevel: PageLevel; allowed: boolean; delayDays: number; notices?: Notice[] },
): SafeHtml {
  const intro = html`<p data-testid="delete-level" data-level="${vm.requiredLevel}">${ctx.t('delete.intro', { level: levelText(ctx, vm.requiredLevel) })}</p>`;
  if (!vm.allowed) {
    return layout(
      ctx,
      ctx.t('delete.title'),
      html`${intro}<p class="notice notice-info">${ctx.t('error.level', { level: levelText(ctx, vm.requiredLevel) })}</p><p><a class="button" href="/auth?next=%2Fdelete">${ctx.t('account.stepup')}</a></p>`,
      { notices: vm.notices },
    );
  }
  const whenError = ctx.errors?.['delete-when'];
  const body = html`${radioGroup({
    id: 'delete-when',
    name: 'when',
    legend: ctx.t('delete.title'),
    choices: [
      { value: 'delayed', label: ctx.t('delete.delayed', { days: vm.delayDays }) },
      { value: 'now', label: ctx.t('delete.immediate') },
    ],
    ...(whenError ? { error: whenError } : {}),
  })}
<div class="choice"><input type="checkbox" id="del-confirm" name="confirm" value="yes" required><label for="del-confirm">${ctx.t('delete.confirm')}</label></div>
<button type="submit" class="danger">${ctx.t('delete.submit')}</button>`;
  return layout(
    ctx,
    ctx.t('delete.title'),
    html`${intro}${postForm(ctx, '/delete', body, { id: 'delete-form' })}`,
    { notices: vm.notices },
  );
}

/** One outbox message as the test pages show it. */
export interface OutboxMessageVM {
  recipient: string;
  subject: string;
  body: string;
  at: number;
}

/** SMS or e-mail outbox (test mode only): the "phone" and "mailbox" of a tester. */
export function outboxPage(
  ctx: PageContext,
  vm: { channel: 'sms' | 'email'; messages: OutboxMessageVM[] },
): SafeHtml {
  const title = vm.channel === 'sms' ? ctx.t('outbox.sms.title') : ctx.t('outbox.email.title');
  const body = vm.messages.length
    ? dataTable({
        className: 'outbox',
        testId: 'outbox',
        columns: [ctx.t('outbox.time'), ctx.t('outbox.to'), ctx.t('outbox.text')],
        rows: vm.messages.map((m) => ({
          cells: [
            formatTime(ctx, m.at),
            m.recipient,
            html`${m.subject ? html`<strong>${m.subject}</strong><br>` : ''}<span class="message-body">${m.body}</span>`,
          ],
        })),
      })
    : html`<p>${ctx.t('outbox.empty')}</p>`;
  return layout(ctx, title, body);
}
