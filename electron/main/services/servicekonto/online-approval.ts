import { FaktorError } from '../../../../shared/errors';
import {
  parseApprovalRequest,
  signApproval,
  type ApprovalDecision,
  type ApprovalRequest,
} from '../../../../shared/servicekonto/approval';
import { PROTOCOL_VERSION } from '../../../../shared/servicekonto/wire';
import { samePairing, type PairedRecord } from './paired-record';
import { openWithPin, toScalar, wipeSecrets } from './pin-secrets';
import { approvalAnswerPath } from './routes';
import { callJson, type DeviceCredentials, type Fetch } from './server-http';

/**
 * Online approval with number matching (docs/servicekonto-app.md §Online approval): an `approval`
 * event is accepted only when it is addressed to this pairing (same origin, account and means) and has
 * not expired; the answer signs {transaction, challenge, number, decision} with the PIN-decrypted
 * approval key. A wrong number or a wrong PIN is sent like any answer — the server counts it as a
 * failure; the desktop cannot and does not tell.
 */

/** Parses an event's data and checks it belongs to `record` and is still open at `nowMs`. */
export function readApprovalRequest(
  record: PairedRecord,
  data: string,
  nowMs: number,
): ApprovalRequest {
  const request = parseApprovalRequest(data);
  if (!samePairing(record, request) || request.means !== record.meansId)
    throw new FaktorError('not-paired', 'request for another pairing');
  if (request.exp * 1000 <= nowMs) throw new FaktorError('protocol-expired', 'approval');
  return request;
}

/** The device credentials of a record (the unlocked device-auth key). */
export function deviceOf(record: PairedRecord): DeviceCredentials {
  return {
    means: record.meansId,
    deviceKey: new Uint8Array(Buffer.from(record.deviceKey, 'base64')),
  };
}

/** Sends the user's answer. `number` is the chosen one for approve, 0 for a deny. Resolves to the server's JSON. */
export async function answerApproval(
  record: PairedRecord,
  request: ApprovalRequest,
  decision: ApprovalDecision,
  number: number,
  pin: string,
  o: { fetch?: Fetch; now?: () => number } = {},
): Promise<unknown> {
  const chosen = decision === 'approve' ? number : 0;
  const secrets = await openWithPin(pin, record.sealed);
  let signature: string;
  try {
    signature = signApproval(toScalar(secrets.signingKey), {
      transaction: request.tx,
      challenge: request.challenge,
      number: chosen,
      decision,
    });
  } finally {
    wipeSecrets(secrets);
  }
  const body = { v: PROTOCOL_VERSION, tx: request.tx, number: chosen, decision, signature };
  return callJson(record.origin, 'POST', approvalAnswerPath(request.tx), body, {
    device: deviceOf(record),
    fetch: o.fetch,
    now: o.now,
  });
}
