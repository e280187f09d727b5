import type { MessageKey } from '../../../i18n';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import {
  field,
  levelBadge,
  levelText,
  postForm,
  radioGroup,
  type Notice,
  type PageContext,
  type PageLevel,
} from '../view';
import { authOptionForm, codeFieldId, type AuthOptionVM } from './auth';
import { slugOf, type RegistrableKind } from '../kinds';

/** A kind the user may register now, with the level it would reach. */
export interface NewMeansOptionVM {
  kind: RegistrableKind | 'eid' | 'desktop-app';
  level: PageLevel;
  /** False when the session's level is too low for it (§4.2); the page then links to step-up. */
  allowed: boolean;
  requiredLevel: PageLevel;
}

/** Choose what to register; each option says the level it reaches (§4.2). */
export function newMeansPage(
  ctx: PageContext,
  vm: { options: NewMeansOptionVM[]; notices?: Notice[] },
): SafeHtml {
  const items = vm.options.map((o) => {
    const head = html`<h2>${ctx.t(`kind.${o.kind}` as MessageKey)}</h2><p>${ctx.t('means.new.reaches', { level: levelText(ctx, o.level) })} ${levelBadge(ctx, o.level)}</p>`;
    if (!o.allowed) {
      return html`<section class="means-option" data-kind="${o.kind}">${head}<p class="notice notice-info">${ctx.t('error.level', { level: levelText(ctx, o.requiredLevel) })}</p><p><a href="/auth?next=%2Fmeans%2Fnew">${ctx.t('account.stepup')}</a></p></section>`;
    }
    let inputs: SafeHtml = html``;
    if (o.kind === 'password+sms')
      inputs = field({
        name: 'phone',
        label: ctx.t('means.new.phone'),
        type: 'tel',
        required: true,
        autocomplete: 'tel',
      });
    if (o.kind === 'desktop-app') {
      return html`<section class="means-option" data-kind="desktop-app">${head}${postForm(ctx, '/means/new/desktop-app', html`<button type="submit">${ctx.t('desktop.add')}</button>`, { id: 'new-desktop-app' })}</section>`;
    }
    if (o.kind === 'eid') {
      return html`<section class="means-option" data-kind="eid">${head}${postForm(ctx, '/eid/start', html`<input type="hidden" name="purpose" value="register"><button type="submit">${ctx.t('means.new.start')}</button>`)}</section>`;
    }
    const label = field({ name: 'label', label: ctx.t('means.new.label') });
    return html`<section class="means-option" data-kind="${o.kind}">${head}${postForm(
      ctx,
      `/means/new/${slugOf(o.kind)}`,
      html`${inputs}${label}<button type="submit">${ctx.t('means.new.start')}</button>`,
      { id: `new-${slugOf(o.kind)}` },
    )}</section>`;
  });
  return layout(ctx, ctx.t('means.new.title'), html`<p>${ctx.t('means.new.intro')}</p>${items}`, {
    notices: vm.notices,
  });
}

/** TOTP enrolment: QR (SVG from our own `qrcode` call), the otpauth URI, and the confirming code. */
export function totpSetupPage(
  ctx: PageContext,
  vm: { meansId: string; qrSvg: SafeHtml; uri: string; level: PageLevel; notices?: Notice[] },
): SafeHtml {
  return layout(
    ctx,
    ctx.t('means.totp.title'),
    html`<p>${ctx.t('means.new.reaches', { level: levelText(ctx, vm.level) })}</p>
<p>${ctx.t('means.totp.scan')}</p>
<figure class="qr" data-testid="totp-qr">${vm.qrSvg}</figure>
<p><label for="otpauth-uri">${ctx.t('means.totp.uri')}</label><br><input id="otpauth-uri" class="uri" readonly value="${vm.uri}" data-testid="otpauth-uri"></p>
${postForm(
  ctx,
  `/means/${vm.meansId}/confirm`,
  html`${field({ name: 'code', id: codeFieldId(vm.meansId), label: ctx.t('stepup.code'), error: ctx.errors?.[codeFieldId(vm.meansId)], required: true, autocomplete: 'one-time-code', inputmode: 'numeric' })}<button type="submit">${ctx.t('means.confirm')}</button>`,
  { id: 'confirm-form' },
)}`,
    { notices: vm.notices },
  );
}

/** WebAuthn enrolment: a button that runs navigator.credentials.create through the served script. */
export function webauthnSetupPage(
  ctx: PageContext,
  vm: {
    kind: 'password+security-key' | 'platform-authenticator';
    meansId: string;
    label: string;
    optionsJson: string;
    level: PageLevel;
    notices?: Notice[];
  },
): SafeHtml {
  return layout(
    ctx,
    ctx.t('means.webauthn.title'),
    html`<p>${ctx.t(`kind.${vm.kind}` as MessageKey)}: ${ctx.t('means.new.reaches', { level: levelText(ctx, vm.level) })}</p>
${postForm(
  ctx,
  `/means/new/${slugOf(vm.kind)}/finish`,
  html`<input type="hidden" name="response" value=""><input type="hidden" name="meansId" value="${vm.meansId}">
<button type="button" data-webauthn="register" data-options="${vm.optionsJson}" hidden>${ctx.t('means.webauthn.register')}</button>
<noscript><p class="notice notice-info">${ctx.t('webauthn.needsJs')}</p></noscript>
<p class="notice notice-error" data-webauthn-error hidden>${ctx.t('webauthn.failed')}</p>`,
  { id: 'webauthn-register-form', class: 'webauthn-form' },
)}`,
    { notices: vm.notices },
  );
}

/** Confirm a pending means (§4.2) or unblock one (§4.4): authenticate with that very means. */
export function meansAuthPage(
  ctx: PageContext,
  vm: {
    mode: 'confirm' | 'unblock';
    option: AuthOptionVM;
    requiredLevel?: PageLevel;
    levelMissing?: boolean;
    notices?: Notice[];
  },
): SafeHtml {
  const title = vm.mode === 'confirm' ? ctx.t('means.confirm.title') : ctx.t('means.unblock.title');
  const intro =
    vm.mode === 'confirm'
      ? ctx.t('means.confirm.intro')
      : ctx.t('means.unblock.intro', { level: levelText(ctx, vm.requiredLevel) });
  const action = `/means/${vm.option.id}/${vm.mode}`;
  const body = vm.levelMissing
    ? html`<p class="notice notice-info">${ctx.t('error.level', { level: levelText(ctx, vm.requiredLevel) })}</p><p><a class="button" href="/auth?next=${encodeURIComponent(action)}">${ctx.t('account.stepup')}</a></p>`
    : authOptionForm(
        ctx,
        vm.option,
        action,
        vm.mode === 'confirm' ? ctx.t('means.confirm') : ctx.t('means.unblock'),
      );
  return layout(ctx, title, html`<p>${intro}</p>${body}`, { notices: vm.notices });
}

/** Kinds the public block form offers (the user need not know ids; every means of the kind is blocked). */
export const BLOCKABLE_KINDS = [
  'password+security-key',
  'platform-authenticator',
  'password+totp',
  'password+sms',
  'desktop-app',
  'eid',
] as const;

/** Public block-password form (§4.4): username, block password and which kind of means is lost (nothing preselected). */
export function blockPage(ctx: PageContext, vm: { notices?: Notice[] }): SafeHtml {
  const kindError = ctx.errors?.['block-kind'];
  const body = html`${field({ name: 'username', label: ctx.t('block.username'), value: ctx.values?.username, required: true, autocomplete: 'username' })}
${field({ name: 'blockPassword', label: ctx.t('block.blockPassword'), type: 'password', required: true, autocomplete: 'off' })}
${radioGroup({
  id: 'block-kind',
  name: 'kind',
  legend: ctx.t('block.which'),
  choices: [
    ...BLOCKABLE_KINDS.map((k) => ({ value: k, label: ctx.t(`kind.${k}` as MessageKey) })),
    { value: 'all', label: ctx.t('block.all') },
  ],
  ...(kindError ? { error: kindError } : {}),
})}
<button type="submit">${ctx.t('block.submit')}</button>`;
  return layout(
    ctx,
    ctx.t('block.title'),
    html`<p>${ctx.t('block.intro')}</p>${postForm(ctx, '/block', body, { id: 'block-form' })}`,
    { notices: vm.notices },
  );
}
