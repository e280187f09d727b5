import type { MessageKey } from '../../../i18n';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { QrVM } from './desktop-app';
import { desktopStepUpOption, pushForm } from './approval';
import {
  field,
  levelBadge,
  levelText,
  postForm,
  type Notice,
  type PageContext,
  type PageLevel,
} from '../view';

/** Attribute names the create-account form asks for (self-entered, Basisregistrierung). */
export const REGISTER_ATTRIBUTES = [
  'givenNames',
  'familyName',
  'birthName',
  'dateOfBirth',
  'placeOfBirth',
  'address',
  'email',
  'phone',
] as const;

/** One of the form's attribute names. */
export type RegisterAttribute = (typeof REGISTER_ATTRIBUTES)[number];

/** What the create-account form shows besides the values and errors its last redirect carried. */
export interface RegisterFormVM {
  minPasswordLength: number;
  notices?: Notice[];
}

/** Create account: attributes, username, password, block password. */
export function registerPage(ctx: PageContext, vm: RegisterFormVM): SafeHtml {
  const attrType = (a: RegisterAttribute): 'text' | 'email' | 'tel' | 'date' =>
    a === 'email' ? 'email' : a === 'phone' ? 'tel' : a === 'dateOfBirth' ? 'date' : 'text';
  const auto: Partial<Record<RegisterAttribute, string>> = {
    givenNames: 'given-name',
    familyName: 'family-name',
    dateOfBirth: 'bday',
    address: 'street-address',
    email: 'email',
    phone: 'tel',
  };
  const required = new Set<RegisterAttribute>(['givenNames', 'familyName']);
  const body = html`<p>${ctx.t('register.intro')}</p>
<fieldset><legend>${ctx.t('register.attributes')}</legend>
${REGISTER_ATTRIBUTES.map((a) =>
  field({
    name: `attr.${a}`,
    label: required.has(a)
      ? ctx.t(`attr.${a}` as MessageKey)
      : `${ctx.t(`attr.${a}` as MessageKey)} (${ctx.t('register.optional')})`,
    type: attrType(a),
    value: ctx.values?.[`attr.${a}`],
    error: ctx.errors?.[`f-attr.${a}`],
    required: required.has(a),
    autocomplete: auto[a],
  }),
)}
</fieldset>
<fieldset><legend>${ctx.t('register.credentials')}</legend>
${field({ name: 'username', label: ctx.t('register.username'), value: ctx.values?.username, error: ctx.errors?.['f-username'], required: true, autocomplete: 'username' })}
${field({ name: 'password', label: ctx.t('register.password'), type: 'password', error: ctx.errors?.['f-password'], required: true, autocomplete: 'new-password', hint: ctx.t('register.passwordHint', { min: vm.minPasswordLength }) })}
${field({ name: 'blockPassword', label: ctx.t('register.blockPassword'), type: 'password', error: ctx.errors?.['f-blockPassword'], required: true, autocomplete: 'off', hint: ctx.t('register.blockPasswordHint') })}
</fieldset>
<button type="submit">${ctx.t('register.submit')}</button>`;
  return layout(
    ctx,
    ctx.t('register.title'),
    postForm(ctx, '/register', body, { id: 'register-form' }),
    { notices: vm.notices },
  );
}

/** After creation: which level deleting needs (§7), then on to the overview. */
export function registeredPage(
  ctx: PageContext,
  vm: { username: string; deleteLevel: PageLevel; delayDays: number },
): SafeHtml {
  return layout(
    ctx,
    ctx.t('register.done.title'),
    html`<p>${ctx.t('register.done.body', { username: vm.username })}</p>
<p data-testid="delete-level" data-level="${vm.deleteLevel}">${ctx.t('register.done.deleteLevel', { level: levelText(ctx, vm.deleteLevel) })}</p>
<p data-testid="delete-delay" data-days="${String(vm.delayDays)}">${ctx.t('register.done.deleteDelay', { days: vm.delayDays })}</p>
<p><a class="button" href="/account">${ctx.t('register.done.next')}</a></p>`,
  );
}

/** Login, first step: username and password (the niedrig means). */
export function loginPage(ctx: PageContext, vm: { notices?: Notice[]; next?: string }): SafeHtml {
  const body = html`${vm.next ? html`<input type="hidden" name="next" value="${vm.next}">` : ''}${field({ name: 'username', label: ctx.t('login.username'), value: ctx.values?.username, required: true, autocomplete: 'username' })}
${field({ name: 'password', label: ctx.t('login.password'), type: 'password', required: true, autocomplete: 'current-password' })}
<button type="submit">${ctx.t('login.submit')}</button>`;
  return layout(
    ctx,
    ctx.t('login.title'),
    html`${postForm(ctx, '/login', body, { id: 'login-form' })}
<p><a href="/login/desktop-app" data-testid="desktop-login-link">${ctx.t('desktop.login.link')}</a></p>
<p><a href="/login/desktop-app/push${vm.next ? `?next=${encodeURIComponent(vm.next)}` : ''}" data-testid="push-login-link">${ctx.t('desktop.push.link')}</a></p>
<p>${ctx.t('login.noAccount')} <a href="/register">${ctx.t('nav.register')}</a></p>
<p><a href="/block">${ctx.t('login.lost')}</a></p>`,
    { notices: vm.notices },
  );
}

/** A means the user can authenticate with now (step-up, confirmation or unblocking). */
export interface AuthOptionVM {
  id: string;
  kind: string;
  label: string;
  level: PageLevel;
  /** Set when an SMS code was just sent for this means. */
  smsSent?: boolean;
  /** Desktop app: its own login QR to scan with Faktor (each desktop app has its own challenge). */
  desktopQr?: QrVM;
  /** The means is blocked (its unblock page): a desktop app then gets no online request, only its offline QR works. */
  blocked?: boolean;
}

/** The `?next=` part of a step-up form action, so an SMS send returns to the same step-up page. */
function backQuery(action: string): string {
  const q = action.indexOf('?');
  return q >= 0 ? action.slice(q) : '';
}

/** Where a step-up returns to (its `?next=`), so the eID detour comes back there too (e.g. an OIDC login), else the overview. */
function stepUpNext(action: string): string {
  return new URLSearchParams(backQuery(action).slice(1)).get('next') ?? '/account';
}

/** The id of a means' code field; a wrong code comes back as the error of this field (post/redirect/get). */
export function codeFieldId(meansId: string): string {
  return `code-${meansId}`;
}

/** Renders the input that proves one means: a code form, an SMS send button, a WebAuthn button or the eID link. */
export function authOptionForm(
  ctx: PageContext,
  opt: AuthOptionVM,
  action: string,
  submitLabel?: string,
): SafeHtml {
  const title = html`<h2>${ctx.t(`kind.${opt.kind}` as MessageKey)}${opt.label ? html` – ${opt.label}` : ''} ${levelBadge(ctx, opt.level)}</h2>`;
  if (opt.kind === 'password+security-key' || opt.kind === 'platform-authenticator') {
    return html`<section class="means-option" data-means-id="${opt.id}">${title}
${postForm(
  ctx,
  action,
  html`<input type="hidden" name="response" value="">
<button type="button" data-webauthn="authenticate" data-options-url="/means/${opt.id}/webauthn-options" hidden>${submitLabel ?? ctx.t('stepup.webauthn')}</button>
<noscript><p class="notice notice-info">${ctx.t('webauthn.needsJs')}</p></noscript>
<p class="notice notice-error" data-webauthn-error hidden>${ctx.t('webauthn.failed')}</p>`,
  { class: 'webauthn-form' },
)}</section>`;
  }
  if (opt.kind === 'eid') {
    return html`<section class="means-option" data-means-id="${opt.id}">${title}
${postForm(ctx, '/eid/start', html`<input type="hidden" name="purpose" value="authenticate"><input type="hidden" name="then" value="${stepUpNext(action)}"><button type="submit">${ctx.t('stepup.eid')}</button>`)}</section>`;
  }
  if (opt.kind === 'desktop-app') {
    return html`<section class="means-option" data-means-id="${opt.id}">${title}
${desktopStepUpOption(ctx, { meansId: opt.id, qr: opt.desktopQr, online: !opt.blocked, action, next: stepUpNext(action), back: `${ctx.path}${backQuery(action)}`, submitLabel: submitLabel ?? ctx.t('stepup.submit') })}</section>`;
  }
  if (opt.kind === 'password+sms' && !opt.smsSent) {
    return html`<section class="means-option" data-means-id="${opt.id}">${title}
${postForm(ctx, `/sms/send`, html`<input type="hidden" name="meansId" value="${opt.id}"><input type="hidden" name="back" value="${ctx.path}${backQuery(action)}"><button type="submit">${ctx.t('stepup.sendSms')}</button>`)}</section>`;
  }
  // TOTP, SMS after sending, desktop app (offline response code): a code field.
  return html`<section class="means-option" data-means-id="${opt.id}">${title}
${opt.smsSent ? html`<p class="notice notice-info" role="status">${ctx.t('stepup.smsSent')}</p>` : ''}
${postForm(
  ctx,
  action,
  html`${field({ name: 'code', id: codeFieldId(opt.id), label: ctx.t('stepup.code'), error: ctx.errors?.[codeFieldId(opt.id)], required: true, autocomplete: 'one-time-code', inputmode: 'numeric' })}
<button type="submit">${submitLabel ?? ctx.t('stepup.submit')}</button>`,
)}</section>`;
}

/** Step-up: any registered active means raises the session's level (password first, then this). */
export function stepUpPage(
  ctx: PageContext,
  vm: {
    sessionLevel: PageLevel | undefined;
    options: AuthOptionVM[];
    next: string;
    notices?: Notice[];
  },
): SafeHtml {
  const list = vm.options.length
    ? vm.options.map((o) =>
        authOptionForm(
          ctx,
          o,
          `/auth/${encodeURIComponent(o.id)}?next=${encodeURIComponent(vm.next)}`,
        ),
      )
    : html`<p>${ctx.t('stepup.none')}</p>`;
  // Several paired desktop apps: one request to all of them (whichever the user has at hand answers).
  const allDesktop =
    vm.options.filter((o) => o.kind === 'desktop-app').length > 1
      ? html`<section class="means-option" data-testid="push-all"><h3>${ctx.t('desktop.push.allTitle')}</h3>${pushForm(ctx, { meansId: 'all', next: vm.next, back: `${ctx.path}?next=${encodeURIComponent(vm.next)}`, label: ctx.t('desktop.push.all') })}</section>`
      : '';
  return layout(
    ctx,
    ctx.t('stepup.title'),
    html`<p data-testid="session-level" data-level="${vm.sessionLevel ?? 'none'}">${ctx.t('stepup.intro', { level: levelText(ctx, vm.sessionLevel) })}</p>
${list}
${allDesktop}
<p><a href="${vm.next}" data-testid="stepup-skip">${ctx.t('stepup.skip')}</a></p>`,
    { notices: vm.notices },
  );
}

/** A short page with one message and a way on; used for results and generic errors. */
export function messagePage(
  ctx: PageContext,
  vm: {
    title: string;
    text: string | SafeHtml;
    link?: { href: string; label: string };
    kind?: Notice['kind'];
  },
): SafeHtml {
  return layout(
    ctx,
    vm.title,
    html`${vm.link ? html`<p><a class="button" href="${vm.link.href}">${vm.link.label}</a></p>` : ''}`,
    { notices: [{ kind: vm.kind ?? 'info', text: vm.text }] },
  );
}
