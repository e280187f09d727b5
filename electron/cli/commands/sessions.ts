import type { CliCommand } from '../command';
import type { DeviceSession } from '../../../shared/servicekonto/device-sessions';
import { describeUserAgent } from '../../../shared/servicekonto/user-agent';
import { PAIRED_ACCOUNT_ARG, resolvePairedAccount } from './paired-account-arg';

/** "1 h 05 min" / "29 min" / "45 s": a Table 2 time left, readable at a glance. */
function left(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const min = Math.floor(seconds / 60);
  return min < 60
    ? `${min} min`
    : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** One text line per session: most recent marked with `*`, level, idle/absolute time left, start, browser ("Chrome on Linux") and IP. */
function line(s: DeviceSession): string {
  const from = [describeUserAgent(s.browser), s.ip].filter(Boolean).join(', ');
  return `${s.latest ? '*' : ' '} ${s.level}  idle ${left(s.idleRemainingSeconds)} · absolute ${left(s.absoluteRemainingSeconds)}  since ${new Date(s.startedAt).toISOString()}  ${from}`;
}

/** `faktor sessions <paired account>`: the account's web sessions with level and Table 2 time left (device-authenticated). */
export const sessionsCommand: CliCommand = {
  name: 'sessions',
  summary:
    "show a paired account's web sessions: level, Table 2 idle/absolute time left, browser (device-authenticated, no PIN)",
  usage: 'sessions <paired account> [--origin ORIGIN]',
  ...PAIRED_ACCOUNT_ARG,
  help: [
    ...PAIRED_ACCOUNT_ARG.help,
    'Most recent first (marked *). With --json: one {"session":…} object per session, its `browser` the raw User-Agent and `browserName` the reduced one ("Chrome on Linux"). Only an active (confirmed, not blocked) desktop may ask.',
  ],
  async run(ctx, args) {
    const { sk, paired } = await resolvePairedAccount(ctx, args);
    const list = await sk.sessions(paired.id);
    if (list.sessions.length === 0)
      ctx.note('No web session of this account has a trust level right now.');
    for (const s of list.sessions)
      ctx.print(
        { account: paired.id, session: { ...s, browserName: describeUserAgent(s.browser) } },
        line(s),
      );
  },
};
