import type { MessageKey } from '../../../i18n';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import { dataTable } from '../table';
import {
  formatTime,
  levelBadge,
  levelText,
  minutes,
  postForm,
  tHtml,
  type Notice,
  type PageContext,
  type PageLevel,
} from '../view';

/** One attribute row: value and its own data level (§2.3). */
export interface AttributeVM {
  name: string;
  value: string;
  level: PageLevel;
  needsConfirmation?: boolean;
}

/** One registered means with what §4.2 says the user must see: its level and status. */
export interface MeansVM {
  id: string;
  kind: string;
  label: string;
  level: Exclude<PageLevel, 'basisregistrierung'>;
  status: 'pending' | 'active' | 'blocked';
  lastUsedAt?: number;
  /** Password means cannot be blocked/removed from the overview (it is the account's base). */
  removable: boolean;
}

/** One active session with its remaining time (§4.3, Table 2). */
export interface SessionVM {
  current: boolean;
  level: PageLevel | undefined;
  startedAt: number;
  /** Time until the current level ends (inactivity or absolute, whichever comes first). */
  remainingMs: number;
}

/** Everything the overview shows. */
export interface AccountVM {
  username: string;
  maxLevel: PageLevel;
  session: {
    level: PageLevel | undefined;
    /** Set when a Table 2 limit downgraded the session from this level. */
    downgradedFrom?: PageLevel;
    idleRemainingMs: number;
    absoluteRemainingMs: number;
  };
  attributes: AttributeVM[];
  means: MeansVM[];
  sessions: SessionVM[];
  deletionDueAt?: number;
  hasUnverifiedEmail: boolean;
  notices?: Notice[];
  /** Sections other parts add at the end (the online services with consent, server/oidc). */
  extra?: SafeHtml;
}

function attrName(ctx: PageContext, name: string): string {
  const key = `attr.${name}` as MessageKey;
  const text = ctx.t(key);
  return text === key ? name : text;
}

/** §5.1 after an eID takeover: keep ("correct") or delete ("not mine") one flagged attribute. */
function reconfirmForms(ctx: PageContext, name: string): SafeHtml {
  const action = `/attributes/${encodeURIComponent(name)}/reconfirm`;
  return html` <span class="hint">${ctx.t('account.reconfirmAsk')}</span>
${postForm(ctx, action, html`<input type="hidden" name="answer" value="confirm"><button type="submit" class="link">${ctx.t('account.reconfirmYes')}</button>`, { class: 'inline' })}
${postForm(ctx, action, html`<input type="hidden" name="answer" value="reject"><button type="submit" class="link">${ctx.t('account.reconfirmNo')}</button>`, { class: 'inline' })}`;
}

/** The account overview: max level, session, attributes with levels, means, sessions. */
export function accountPage(ctx: PageContext, vm: AccountVM): SafeHtml {
  const sessionInfo = summarySection(ctx, vm);
  const attributes = attributesSection(ctx, vm);
  const means = meansSection(ctx, vm.means);
  const sessions = sessionsSection(ctx, vm.sessions);
  return layout(
    ctx,
    ctx.t('account.title'),
    html`${sessionInfo}${attributes}${means}${sessions}${vm.extra ?? ''}`,
    { notices: vm.notices },
  );
}

/** Who is logged in, the account's max level, the session's level and time left, a pending deletion. */
function summarySection(ctx: PageContext, vm: AccountVM): SafeHtml {
  const s = vm.session;
  return html`<dl class="summary">
<dt>${ctx.t('account.username')}</dt><dd data-testid="username">${vm.username}</dd>
<dt>${ctx.t('account.maxLevel')}</dt><dd data-testid="max-level" data-level="${vm.maxLevel}">${levelBadge(ctx, vm.maxLevel)} <span class="hint">${ctx.t('account.maxLevelHint')}</span></dd>
<dt>${ctx.t('account.sessionLevel')}</dt><dd data-testid="session-level" data-level="${s.level ?? 'none'}">${levelBadge(ctx, s.level)} <span class="hint">${ctx.t('account.sessionRemaining', { minutes: minutes(s.idleRemainingMs), total: minutes(s.absoluteRemainingMs) })}</span></dd>
</dl>
${s.downgradedFrom ? html`<p class="notice notice-info" role="status" data-testid="session-downgraded">${ctx.t('account.sessionDowngraded', { level: levelText(ctx, s.level), previous: levelText(ctx, s.downgradedFrom) })}</p>` : ''}
${vm.deletionDueAt !== undefined ? html`<p class="notice notice-error" role="alert">${tHtml(ctx, 'account.deletionPending', { date: formatTime(ctx, vm.deletionDueAt) })}</p>` : ''}
<p><a class="button" href="/auth?next=%2Faccount">${ctx.t('account.stepup')}</a></p>`;
}

/** The attributes with their own data levels (§2.3), the reconfirm forms after an eID takeover (§5.1). */
function attributesSection(ctx: PageContext, vm: AccountVM): SafeHtml {
  return html`<h2>${ctx.t('account.attributes')}</h2>
${vm.attributes.some((a) => a.needsConfirmation) ? html`<p class="notice notice-info" role="status">${ctx.t('account.reconfirm')}</p>` : ''}
${dataTable({
  className: 'attributes',
  testId: 'attributes',
  columns: [ctx.t('account.attribute'), ctx.t('account.value'), ctx.t('account.level')],
  rows: vm.attributes.map((a) => ({
    rowHeader: true,
    attrs: {
      'data-attribute': a.name,
      ...(a.needsConfirmation ? { 'data-needs-confirmation': 'true' } : {}),
    },
    cells: [
      attrName(ctx, a.name),
      html`${a.value === '' ? ctx.t('account.empty') : a.value}${a.needsConfirmation ? reconfirmForms(ctx, a.name) : ''}`,
      levelBadge(ctx, a.level),
    ],
  })),
})}
<p>${vm.hasUnverifiedEmail ? html`<a href="/verify-email">${ctx.t('account.verifyEmail')}</a> · ` : ''}${ctx.testMode ? html`<a href="/eid?purpose=verify">${ctx.t('account.eid')}</a>` : ''}</p>`;
}

/** A one-button inline form that looks like a link (block, remove): state changes are POSTs. */
function linkButtonForm(ctx: PageContext, action: string, label: string): SafeHtml {
  return postForm(ctx, action, html`<button type="submit" class="link">${label}</button>`, {
    class: 'inline',
  });
}

/** What one can do with a means from the overview: confirm, block, unblock, remove. */
function meansActions(ctx: PageContext, m: MeansVM): SafeHtml[] {
  const actions: SafeHtml[] = [];
  if (m.status === 'pending')
    actions.push(html`<a href="/means/${m.id}/confirm">${ctx.t('means.confirm')}</a>`);
  if (m.status === 'active' && m.removable)
    actions.push(linkButtonForm(ctx, `/means/${m.id}/block`, ctx.t('means.block')));
  if (m.status === 'blocked')
    actions.push(html`<a href="/means/${m.id}/unblock">${ctx.t('means.unblock')}</a>`);
  if (m.removable)
    actions.push(linkButtonForm(ctx, `/means/${m.id}/remove`, ctx.t('means.remove')));
  return actions;
}

/** The registered means (§4.2: level and status of each) and the way to add one. */
function meansSection(ctx: PageContext, means: MeansVM[]): SafeHtml {
  const meansRows = means.map((m) => {
    const actions = meansActions(ctx, m);
    return {
      attrs: { 'data-means-id': m.id, 'data-kind': m.kind, 'data-status': m.status },
      cells: [
        ctx.t(`kind.${m.kind}` as MessageKey),
        m.label,
        levelBadge(ctx, m.level),
        html`<span class="status status-${m.status}">${ctx.t(`status.${m.status}` as MessageKey)}</span>`,
        formatTime(ctx, m.lastUsedAt),
        html`<span class="actions">${actions}</span>`,
      ],
    };
  });
  return html`<h2>${ctx.t('account.means')}</h2>
${dataTable({
  className: 'means',
  testId: 'means',
  columns: [
    ctx.t('account.meansKind'),
    ctx.t('account.meansLabel'),
    ctx.t('account.level'),
    ctx.t('account.meansStatus'),
    ctx.t('account.lastUsed'),
    ctx.t('account.actions'),
  ],
  rows: meansRows,
})}
<p><a class="button" href="/means/new">${ctx.t('account.addMeans')}</a></p>`;
}

/** The active sessions with their remaining time (§4.3, Table 2), and the way to delete the account. */
function sessionsSection(ctx: PageContext, sessions: SessionVM[]): SafeHtml {
  return html`<h2>${ctx.t('account.sessions')}</h2>
${dataTable({
  className: 'sessions',
  testId: 'sessions',
  columns: [
    ctx.t('account.sessionStarted'),
    ctx.t('account.level'),
    ctx.t('account.sessionRemainingCol'),
  ],
  rows: sessions.map((x) => ({
    ...(x.current ? { attrs: { class: 'current' } } : {}),
    cells: [
      html`${formatTime(ctx, x.startedAt)}${x.current ? html` (${ctx.t('account.sessionThis')})` : ''}`,
      levelBadge(ctx, x.level),
      ctx.t('common.minutes', { n: minutes(x.remainingMs) }),
    ],
  })),
})}
<p><a href="/delete" class="danger">${ctx.t('account.delete')}</a></p>`;
}
