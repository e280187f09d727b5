import { FaktorError, isFaktorError, type ErrorCode } from '../../../../shared/errors';
import {
  KeyRegistrationOptions,
  KeyRegistrationResult,
  rpIdFitsOrigin,
  signKeyRegistration,
} from '../../../../shared/servicekonto/key-registration';
import { credMgmtCommand } from '../../../../shared/ctap/info';
import { PROTOCOL_VERSION } from '../../../../shared/servicekonto/wire';
import { CredentialClient } from '../fido/credential-client';
import type { KeyManager } from '../fido/key-manager';
import { PinClient } from '../fido/pin-client';
import type { Ctap2Client } from '../fido/ctap2-client';
import { U2fClient } from '../fido/u2f-client';
import { assertCredential, createCredential, heldCredentials } from '../fido/webauthn-ceremony';
import {
  assertCredentialU2f,
  createCredentialU2f,
  heldU2fCredentials,
} from '../fido/webauthn-over-u2f';
import type { Vault } from '../vault';
import { deviceOf } from './online-approval';
import type { PairedRecord, PairedView } from './paired-record';
import { openWithPin, toScalar, wipeSecrets } from './pin-secrets';
import { KEY_REGISTRATION_PATH, KEY_REGISTRATION_OPTIONS_PATH } from './routes';
import { callJson, type Fetch } from './server-http';
import type { ServicekontoService } from './servicekonto-service';

/**
 * Security keys at a paired Servicekonto (issue #10, docs/keys.md §Servicekonto): register a plugged-in
 * key as "password + security key", and tell which Servicekonto means a plugged-in key is. One service
 * for the app's IPC and the tester CLI. The app plays the browser's WebAuthn part itself
 * (webauthn-ceremony.ts) with the paired origin; the PIN opens the approval key for the server's proof,
 * the key PIN (if the key has one) goes to the key only, the password to the server only. None is kept.
 */

/** What a registration needs from the user. */
export interface RegisterInput {
  /** Local pairing id. */
  readonly pairing: string;
  /** The key's HID path. */
  readonly path: string;
  /** The Faktor PIN of this pairing (opens the approval key). */
  readonly pin: string;
  /** The account password (footnote 5: the means is password + key). */
  readonly password: string;
  readonly keyPin?: string;
  readonly label?: string;
  /** Said before each key operation: 'touch' (create the credential), 'confirm' (the second touch, §4.2 confirmation). */
  readonly onStage?: (stage: 'touch' | 'confirm') => void;
  readonly signal?: AbortSignal;
}

/** One Servicekonto means a plugged-in key is. */
export interface KeyMeansMatch {
  readonly pairing: string;
  readonly origin: string;
  readonly accountName: string;
  readonly meansId: string;
  readonly label: string | null;
  readonly status: 'active' | 'pending' | 'blocked';
}

/** What matching found: the means, and the accounts that could not be asked (their error codes). */
export interface KeyMatches {
  readonly matches: KeyMeansMatch[];
  readonly unreachable: {
    readonly origin: string;
    readonly accountName: string;
    readonly error: ErrorCode;
  }[];
}

/** Builds the service. */
export function createSecurityKeyService(d: {
  vault: Vault;
  keys: KeyManager;
  servicekonto: ServicekontoService;
  now?: () => number;
  fetch?: Fetch;
}) {
  const now = (): number => (d.now ?? Date.now)();
  const find = async (id: string): Promise<PairedRecord> => {
    const r = (await d.vault.pairings()).find((p) => p.id === id);
    if (!r) throw new FaktorError('not-found');
    return r;
  };

  return {
    /**
     * Registers the key at the pairing's server: options (device-signed), MakeCredential and the
     * confirming GetAssertion on the key (U2F_REGISTER and U2F_AUTHENTICATE on a U2F-only key), the
     * PIN proof over the new credential id, then the finishing call. A wrong Faktor PIN or password is the server's one 'authentication-failed'.
     */
    register: async (input: RegisterInput): Promise<KeyRegistrationResult> => {
      const record = await find(input.pairing);
      const call = (path: string, body?: unknown): Promise<unknown> =>
        callJson(record.origin, 'POST', path, body, {
          device: deviceOf(record),
          fetch: d.fetch,
          now,
        });
      const parsed = KeyRegistrationOptions.safeParse(await call(KEY_REGISTRATION_OPTIONS_PATH));
      if (!parsed.success) throw new FaktorError('protocol-malformed', 'security key options');
      const o = parsed.data;
      if (!rpIdFitsOrigin(o.rp.id, record.origin))
        throw new FaktorError('protocol-origin', 'the RP id does not belong to the paired origin');
      const { registration, assertion } = await d.keys.use(input.path, (ctap) =>
        createAndConfirm(ctap, record.origin, o, input),
      );
      const signature = await proveWithPin(input.pin, record.sealed, o, registration.id);
      const body = {
        v: PROTOCOL_VERSION,
        tx: o.tx,
        ...(input.label ? { label: input.label } : {}),
        password: input.password,
        signature,
        registration,
        assertion,
      };
      const result = KeyRegistrationResult.safeParse(await call(KEY_REGISTRATION_PATH, body));
      if (!result.success || result.data.credentialId !== registration.id)
        throw new FaktorError('protocol-malformed', 'security key registration answer');
      return result.data;
    },

    /**
     * Which means of which paired account the key at `path` is: each account's WebAuthn credential
     * ids from its device view, matched on the key — resident ones by credential management when the
     * key PIN is given, every other one by a silent GetAssertion (up=false); on a U2F-only key by
     * check-only U2F_AUTHENTICATE (0x07).
     */
    matches: async (path: string, keyPin?: string): Promise<KeyMatches> => {
      const { wanted, unreachable } = await wantedMeans(d.servicekonto);
      if (wanted.length === 0) return { matches: [], unreachable };
      const matches = await d.keys.use(path, (ctap) => matchOnKey(ctap, wanted, keyPin));
      return { matches, unreachable };
    },
  };
}

/** The service's type. */
export type SecurityKeyService = ReturnType<typeof createSecurityKeyService>;

/**
 * The two touches of a registration on the key: MakeCredential, then the confirming GetAssertion over
 * the new credential (U2F_REGISTER and U2F_AUTHENTICATE on a U2F-only key), as the browser would.
 */
async function createAndConfirm(
  ctap: Ctap2Client,
  origin: string,
  o: KeyRegistrationOptions,
  input: RegisterInput,
) {
  const create = {
    origin,
    rp: o.rp,
    user: o.user,
    challenge: o.createChallenge,
    algorithms: o.algorithms,
    exclude: o.exclude,
    keyPin: input.keyPin,
    signal: input.signal,
  };
  const u2f = u2fOnly(ctap);
  input.onStage?.('touch');
  const reg = u2f ? await createCredentialU2f(u2f, create) : await createCredential(ctap, create);
  input.onStage?.('confirm');
  const confirm = {
    origin,
    rpId: o.rp.id,
    challenge: o.getChallenge,
    credentialId: reg.id,
    signal: input.signal,
  };
  const ass = u2f ? await assertCredentialU2f(u2f, confirm) : await assertCredential(ctap, confirm);
  return { registration: reg, assertion: ass };
}

/** The PIN proof over the new credential id: the PIN opens the approval key, which is wiped after signing. */
async function proveWithPin(
  pin: string,
  sealed: PairedRecord['sealed'],
  o: KeyRegistrationOptions,
  credentialId: string,
): Promise<string> {
  const secrets = await openWithPin(pin, sealed);
  let signature: string;
  try {
    signature = signKeyRegistration(toScalar(secrets.signingKey), {
      transaction: o.tx,
      challenge: o.challenge,
      credentialId,
    });
  } finally {
    wipeSecrets(secrets);
  }
  return signature;
}

/** One paired account's WebAuthn means, as its device view lists them, to look for on a key. */
interface WantedMeans {
  p: PairedView;
  rpId: string;
  means: {
    id: string;
    label: string | null;
    status: KeyMeansMatch['status'];
    credentialId: string;
  }[];
}

/** Asks every paired account for its WebAuthn means; the accounts that could not be asked say why. */
async function wantedMeans(
  servicekonto: ServicekontoService,
): Promise<{ wanted: WantedMeans[]; unreachable: KeyMatches['unreachable'] }> {
  const unreachable: KeyMatches['unreachable'] = [];
  const wanted: WantedMeans[] = [];
  for (const p of await servicekonto.list()) {
    try {
      const v = await servicekonto.means(p.id);
      const means = v.means.flatMap((m) =>
        m.credentialId
          ? [{ id: m.id, label: m.label, status: m.status, credentialId: m.credentialId }]
          : [],
      );
      if (means.length > 0) wanted.push({ p, rpId: v.rpId ?? new URL(p.origin).hostname, means });
    } catch (e) {
      unreachable.push({
        origin: p.origin,
        accountName: p.accountName,
        error: isFaktorError(e) ? e.code : 'internal',
      });
    }
  }
  return { wanted, unreachable };
}

/** The wanted means the key holds (resident ones by credential management with the key PIN, others silently). */
async function matchOnKey(
  ctap: Ctap2Client,
  wanted: readonly WantedMeans[],
  keyPin: string | undefined,
): Promise<KeyMeansMatch[]> {
  const u2f = u2fOnly(ctap);
  if (!u2f && !ctap.supportsCtap2) return [];
  const resident = keyPin && !u2f ? await residentIds(ctap, keyPin) : new Set<string>();
  const out: KeyMeansMatch[] = [];
  for (const w of wanted) {
    const ids = w.means.map((m) => m.credentialId);
    const held = new Set(
      u2f
        ? await heldU2fCredentials(u2f, w.rpId, ids)
        : await heldCredentials(ctap, w.rpId, ids, resident),
    );
    for (const m of w.means)
      if (held.has(m.credentialId))
        out.push({
          pairing: w.p.id,
          origin: w.p.origin,
          accountName: w.p.accountName,
          meansId: m.id,
          label: m.label,
          status: m.status,
        });
  }
  return out;
}

/**
 * A U2F client when the key speaks only U2F (INIT without the CBOR capability, so GetInfo would be
 * `key-unsupported`, as browsers decide it), else undefined: such a key is registered with
 * U2F_REGISTER and matched with check-only U2F_AUTHENTICATE.
 */
function u2fOnly(ctap: Ctap2Client): U2fClient | undefined {
  return !ctap.supportsCtap2 && ctap.supportsU2f ? new U2fClient(ctap.channel) : undefined;
}

async function residentIds(ctap: Ctap2Client, keyPin: string): Promise<Set<string>> {
  const creds = new CredentialClient(ctap);
  if (credMgmtCommand(await ctap.info()) === undefined) return new Set();
  const list = await creds.list(await creds.token(new PinClient(ctap), keyPin));
  return new Set(
    list.flatMap((rp) =>
      rp.credentials.map((c) => Buffer.from(c.credentialId).toString('base64url')),
    ),
  );
}
