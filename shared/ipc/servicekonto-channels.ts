import { z } from 'zod';
import { Id } from './schemas';
import {
  ApprovalAnswerRequest,
  ApprovalRequestView,
  BlockMeansRequest,
  OfflineCodeRequest,
  PairedAccountView,
  PairRequest,
  ServicekontoAccountView,
  ServicekontoSessionsView,
} from './servicekonto-schemas';

/** Faktor as a Servicekonto device (docs/servicekonto-app.md). */
export const servicekontoChannels = {
  /** Servicekonto device (issue 9, docs/servicekonto-app.md): the paired accounts; (re)opens their event streams. */
  'servicekonto-list': { request: z.strictObject({}), response: z.array(PairedAccountView) },
  /** Pairs with the account of a scanned pairing QR under a new PIN; the means is pending until one approval. */
  'servicekonto-pair': {
    request: PairRequest,
    response: PairedAccountView.extend({ status: z.literal('pending') }),
  },
  /** The offline login code for a scanned login QR ('not-paired' for a server/account not paired). */
  'servicekonto-offline-code': {
    request: OfflineCodeRequest,
    response: z.strictObject({ code: z.string().regex(/^[0-9]{6,10}$/) }),
  },
  /** Online approval requests waiting for an answer. */
  'servicekonto-requests': { request: z.strictObject({}), response: z.array(ApprovalRequestView) },
  /** Answers one request (signed in main with the PIN-decrypted key). */
  'servicekonto-answer': { request: ApprovalAnswerRequest, response: z.strictObject({}) },
  /** Forgets a pairing on this desktop only. */
  'servicekonto-forget': { request: z.strictObject({ id: Id }), response: z.strictObject({}) },
  /** The paired account as its server shows it (maximum level, means with this desktop marked, attributes); device-signed, no PIN. */
  'servicekonto-account': {
    request: z.strictObject({ id: Id }),
    response: ServicekontoAccountView,
  },
  /** Blocks (sperrt) any means of the paired account at the server (§4.4); the renderer asked for confirmation. */
  'servicekonto-block': { request: BlockMeansRequest, response: z.strictObject({}) },
  /** Removes this desktop's means at the server, then forgets the pairing here. */
  'servicekonto-remove': { request: z.strictObject({ id: Id }), response: z.strictObject({}) },
  /** The paired account's web sessions with level and Table 2 time left (device-signed, no PIN; active desktop only). */
  'servicekonto-sessions': {
    request: z.strictObject({ id: Id }),
    response: ServicekontoSessionsView,
  },
} as const;
