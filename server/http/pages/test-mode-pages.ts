/**
 * Pages that exist only in test mode: the test eID (pick a Mustermann identity to log in, verify data
 * or register the eID) and the SMS and e-mail outboxes (the tester's phone and mailbox).
 */
import { TEST_IDENTITIES } from '../../means/eid-test-provider';
import { formField, safeNext, sendPage } from './request';
import type { PageKit } from './route-kit';
import { eidPage, outboxPage, type EidPurpose } from './templates/misc';

/** Registers the test-mode routes (call only in test mode). */
export function testModePages(kit: PageKit): void {
  const { services, get, post } = kit;
  const { sessions, accounts, attributes, meansRegistration, auth, ctx } = services;
  const purposeOf = (v: string | undefined): EidPurpose =>
    v === 'verify' || v === 'register' ? v : 'authenticate';
  const identities = TEST_IDENTITIES.map((i) => ({
    id: i.id,
    givenNames: i.attributes.givenNames ?? '',
    familyName: i.attributes.familyName ?? '',
    dateOfBirth: i.attributes.dateOfBirth ?? '',
    placeOfBirth: i.attributes.placeOfBirth ?? '',
  }));
  get('/eid', (request, reply) =>
    sendPage(
      reply,
      eidPage(kit.pageContext(request, reply), {
        purpose: purposeOf(kit.query(request, 'purpose')),
        then: safeNext(kit.query(request, 'then')),
        identities,
      }),
    ),
  );
  post(
    '/eid/start',
    () => '/account',
    (request, reply) => {
      const purpose = purposeOf(formField(request, 'purpose'));
      return kit.redirect(
        reply,
        `/eid?purpose=${purpose}&then=${encodeURIComponent(safeNext(formField(request, 'then')))}`,
      );
    },
  );
  post(
    '/eid',
    () => '/eid',
    async (request, reply) => {
      const purpose = purposeOf(formField(request, 'purpose'));
      const identity = formField(request, 'identity');
      const token = kit.token(request);
      if (purpose === 'verify') {
        attributes.verifyEid(token, identity, kit.meta(request));
        return kit.redirect(reply, '/account?done=eid');
      }
      if (purpose === 'register') {
        const issued = await meansRegistration.registerEid(token, identity, kit.meta(request));
        kit.setCookie(reply, issued.token);
        return kit.redirect(reply, '/account?done=confirmed');
      }
      // authenticate: step-up inside a session with the registered eID, or eID-only login without one.
      const found = sessions.peek(token);
      const eidMeans = found?.account.means.find((m) => m.kind === 'eid' && m.status === 'active');
      const issued =
        found && eidMeans
          ? await auth.authenticate(
              token,
              eidMeans.id,
              { testIdentity: identity },
              kit.meta(request),
            )
          : accounts.eidLogin(identity, kit.meta(request));
      kit.setCookie(reply, issued.token);
      return kit.redirect(reply, safeNext(formField(request, 'then')));
    },
  );

  for (const channel of ['sms', 'email'] as const) {
    get(`/outbox/${channel}`, (request, reply) =>
      sendPage(
        reply,
        outboxPage(kit.pageContext(request, reply), {
          channel,
          messages: ctx.outbox.messages(channel),
        }),
      ),
    );
  }
}
