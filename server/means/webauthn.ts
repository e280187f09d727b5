/**
 * WebAuthn for two means: a security key as second factor after the password (TR-03160-1 footnote 5:
 * password + FIDO token = substanziell) and a platform authenticator with user verification required
 * (possession + inherence/knowledge in one device). @simplewebauthn/server does every check
 * (challenge, origin, RP id, signature, flags); we only keep challenges single-use and counters.
 */
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type AuthenticationResponseJSON,
} from '@simplewebauthn/server';

/** Which WebAuthn flavour a means is. */
export type WebAuthnFlavour = 'security-key' | 'platform';

/** What we store per WebAuthn means (public data only). */
export interface StoredWebAuthnCredential {
  credentialId: string;
  publicKey: string; // base64url COSE key
  counter: number;
  transports?: string[];
}

/** Relying-party settings derived from the server config. */
export interface RelyingParty {
  rpId: string;
  rpName: string;
  origins: string[];
}

/** Options for navigator.credentials.create(); the challenge must be kept in the session. */
export function registrationOptions(
  rp: RelyingParty,
  flavour: WebAuthnFlavour,
  user: { id: string; username: string },
  exclude: StoredWebAuthnCredential[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: user.username,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: exclude.map((c) => ({
      id: c.credentialId,
      ...(c.transports ? { transports: c.transports } : {}),
    })),
    authenticatorSelection:
      flavour === 'platform'
        ? {
            authenticatorAttachment: 'platform',
            residentKey: 'preferred',
            userVerification: 'required',
          }
        : { residentKey: 'discouraged', userVerification: 'discouraged' },
    supportedAlgorithmIDs: [-7, -8, -257],
    timeout: 120_000,
  });
}

/** What registration and login check alike: the challenge, origin and RP id, and UV for platform authenticators. */
function expectations(rp: RelyingParty, flavour: WebAuthnFlavour, expectedChallenge: string) {
  return {
    expectedChallenge,
    expectedOrigin: rp.origins,
    expectedRPID: rp.rpId,
    requireUserVerification: flavour === 'platform',
  };
}

/** Verifies an attestation; returns the credential to store or undefined. UV enforced for platform. */
export async function verifyRegistration(
  rp: RelyingParty,
  flavour: WebAuthnFlavour,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<StoredWebAuthnCredential | undefined> {
  try {
    const r = await verifyRegistrationResponse({
      response,
      ...expectations(rp, flavour, expectedChallenge),
      supportedAlgorithmIDs: [-7, -8, -257],
    });
    if (!r.verified) return undefined;
    const c = r.registrationInfo.credential;
    return {
      credentialId: c.id,
      publicKey: Buffer.from(c.publicKey).toString('base64url'),
      counter: c.counter,
      ...(c.transports ? { transports: c.transports } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Options for navigator.credentials.get() over the means' credentials. */
export function authenticationOptions(
  rp: RelyingParty,
  flavour: WebAuthnFlavour,
  creds: StoredWebAuthnCredential[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: creds.map((c) => ({
      id: c.credentialId,
      ...(c.transports ? { transports: c.transports } : {}),
    })),
    userVerification: flavour === 'platform' ? 'required' : 'discouraged',
    timeout: 120_000,
  });
}

/**
 * Verifies an assertion against the stored credential; returns the new signature counter or
 * undefined. A counter that does not increase (when the authenticator keeps one) is a clone signal
 * and fails inside the library.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  flavour: WebAuthnFlavour,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  cred: StoredWebAuthnCredential,
): Promise<number | undefined> {
  if (response.id !== cred.credentialId) return undefined;
  try {
    const r = await verifyAuthenticationResponse({
      response,
      ...expectations(rp, flavour, expectedChallenge),
      credential: {
        id: cred.credentialId,
        publicKey: new Uint8Array(Buffer.from(cred.publicKey, 'base64url')),
        counter: cred.counter,
        ...(cred.transports ? { transports: cred.transports } : {}),
      },
    });
    return r.verified ? r.authenticationInfo.newCounter : undefined;
  } catch {
    return undefined;
  }
}
