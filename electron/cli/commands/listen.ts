import type { ApprovalDecision, ApprovalRequest } from '../../../shared/servicekonto/approval';
import { isFaktorError } from '../../../shared/errors';
import { stringOption, UsageError, type CliCommand } from '../command';
import type { CliContext } from '../context';

/**
 * `faktor listen --pin-file F --approve-number-from-stdin`: keeps the event stream of every paired
 * account (or one) open and answers each online approval request with the line read from stdin.
 */
export const listenCommand: CliCommand = {
  name: 'listen',
  summary: 'wait for online approval requests and answer them from stdin (number matching)',
  usage: 'listen --pin-file F --approve-number-from-stdin [--account A] [--count N]',
  help: [
    'Options:',
    '  --pin-file F                  file whose first line is the PIN',
    '  --approve-number-from-stdin   for each request read one line: a number approves with it,',
    '                                "deny" denies, "block" denies and blocks this desktop (§4.4)',
    '  --account A                   listen for one paired account only',
    '  --count N                     stop after N answered requests',
    'Prints each request ({"request":…}) when it arrives and each answer ({"answered":…}).',
  ],
  options: {
    'pin-file': { type: 'string' },
    'approve-number-from-stdin': { type: 'boolean' },
    account: { type: 'string' },
    count: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  usesVault: true,
  async run(ctx, args) {
    if (args.values['approve-number-from-stdin'] !== true)
      throw new UsageError(
        '--approve-number-from-stdin is required (the only answering mode so far)',
      );
    const pin = await ctx.readPin(stringOption(args, 'pin-file'));
    const count = args.values.count === undefined ? Infinity : Number(args.values.count);
    if (!(count >= 1) || (count !== Infinity && !Number.isSafeInteger(count)))
      throw new UsageError('--count must be a positive integer');
    const sk = await ctx.servicekonto();
    const targets =
      typeof args.values.account === 'string'
        ? [await sk.resolve(args.values.account)]
        : await sk.list();
    if (targets.length === 0) throw new UsageError('no paired account: run `faktor pair` first');
    const queue: Array<{ id: string; request: ApprovalRequest }> = [];
    let wake: (() => void) | null = null;
    for (const t of targets) {
      const stream = await sk.listen(t.id, {
        onRequest: (request) => {
          queue.push({ id: t.id, request });
          wake?.();
        },
        onRejected: (code) =>
          ctx.print(
            { rejected: { account: t.id, code } },
            `ignored a request for ${t.accountName}: ${code}`,
          ),
        onState: (state) =>
          ctx.print({ stream: { account: t.id, ...state } }, `${t.accountName}: ${state.kind}`),
      });
      ctx.onClose(() => stream.close());
    }
    const lines = ctx.stdinLines()[Symbol.asyncIterator]();
    for (let answered = 0; answered < count; answered++) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const { id, request } = queue.shift()!;
      await answerOne(ctx, id, request, pin, lines);
    }
  },
};

async function answerOne(
  ctx: CliContext,
  id: string,
  r: ApprovalRequest,
  pin: string,
  lines: AsyncIterator<string>,
): Promise<void> {
  ctx.print(
    {
      request: {
        account: id,
        tx: r.tx,
        purpose: r.purpose,
        service: r.service,
        level: r.level,
        numbers: r.numbers,
        browser: r.browser,
        ip: r.ip,
        created: r.created,
        exp: r.exp,
      },
    },
    `${r.service} asks to log in ${r.accountName} at level ${r.level} (${r.browser || 'unknown browser'}, ${r.ip || 'unknown IP'}). Numbers: ${r.numbers.join(' ')}. Type the number shown in the browser, "deny" or "block":`,
  );
  const next = await lines.next();
  if (next.done) throw new UsageError('stdin ended before an answer');
  const line = next.value.trim().toLowerCase();
  const decision: ApprovalDecision =
    line === 'deny' ? 'deny' : line === 'block' ? 'deny-and-block' : 'approve';
  const number = decision === 'approve' ? Number(line) : 0;
  if (decision === 'approve' && !/^[0-9]{1,3}$/.test(line))
    throw new UsageError(`expected a number, "deny" or "block", got "${line.slice(0, 20)}"`);
  try {
    const result = await (await ctx.servicekonto()).answer(id, r, decision, number, pin);
    ctx.print(
      { answered: { account: id, tx: r.tx, decision, number, result } },
      `${decision} sent`,
    );
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    ctx.print(
      {
        answered: {
          account: id,
          tx: r.tx,
          decision,
          number,
          error: { code: e.code, ...(e.params ?? {}) },
        },
      },
      `${decision} refused: ${e.code}`,
    );
  }
}
