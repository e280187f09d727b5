import { bytesToHex } from '@noble/hashes/utils.js';
import { CtapError, Status, isCtapError } from '../../../../shared/ctap/errors';
import { credMgmtCommand } from '../../../../shared/ctap/info';
import { Capability, KeepaliveStatus } from '../../../../shared/ctap/hid-frame';
import { FaktorError } from '../../../../shared/errors';
import { CredentialClient, type RpCredentials } from './credential-client';
import { Ctap2Client } from './ctap2-client';
import { CtapHidChannel, type ChannelOptions, type TransactOptions } from './ctaphid-channel';
import type { KeyDevice } from './node-hid-transport';
import { PinClient } from './pin-client';
import type { HidTransport } from './transport';

/** What the keys list shows per plugged-in key (no secrets). */
export interface KeySummary {
  readonly device: KeyDevice;
  readonly ctap2: boolean;
  readonly u2f: boolean;
  readonly wink: boolean;
  readonly aaguid?: string;
  readonly versions: readonly string[];
  readonly pinSet?: boolean;
  readonly pinRetries?: number;
  readonly minPinLength?: number;
  readonly credMgmt: boolean;
  /** Set when the key could not be read (permission denied, removed …); the rest is then empty. */
  readonly error?: string;
}

/** Knobs of `resetAfterReplug`. */
export interface ResetFlowOptions {
  /** false: reset at once (the key was plugged in within the last seconds, or is a simulator). */
  readonly replug?: boolean;
  readonly replugTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** What the user must do now: replug the key, or touch it. */
  readonly onStage?: (stage: 'replug' | 'touch') => void;
}

/** How the manager finds and opens keys: node-hid in the app, the soft authenticator in tests. */
export interface KeyManagerDeps {
  readonly list: () => Promise<KeyDevice[]>;
  readonly open: (path: string) => Promise<HidTransport>;
  readonly channel?: ChannelOptions;
}

/**
 * The facade the app's IPC and the tester CLI call: one method per user action, each opening the key,
 * doing its work and closing it again, so a key can be unplugged between actions without stale state.
 * PINs are passed through to the key and never stored.
 */
export class KeyManager {
  constructor(private readonly deps: KeyManagerDeps) {}

  private async with<T>(path: string, fn: (ctap: Ctap2Client) => Promise<T>): Promise<T> {
    const transport = await this.deps.open(path);
    try {
      return await fn(new Ctap2Client(await CtapHidChannel.open(transport, this.deps.channel)));
    } finally {
      await transport.close();
    }
  }

  /**
   * `with` for a path that came from outside (the renderer's IPC request, a CLI argument): only a FIDO
   * interface the source lists right now is opened, so a path naming some other HID device (a
   * keyboard, a vendor gadget) never gets CTAPHID frames written to it.
   */
  private async withListed<T>(path: string, fn: (ctap: Ctap2Client) => Promise<T>): Promise<T> {
    if (!(await this.deps.list()).some((d) => d.path === path))
      throw new CtapError('removed', 'no security key is plugged in at that path');
    return this.with(path, fn);
  }

  /** Runs `fn` on one plugged-in key (listed now), opened for this call only: the Servicekonto registration and matching. */
  use<T>(path: string, fn: (ctap: Ctap2Client) => Promise<T>): Promise<T> {
    return this.withListed(path, fn);
  }

  /** Every plugged-in key with its info; a key that cannot be read is listed with its error code. */
  async listKeys(): Promise<KeySummary[]> {
    const out: KeySummary[] = [];
    for (const device of await this.deps.list()) {
      try {
        out.push(await this.with(device.path, (ctap) => summarize(device, ctap)));
      } catch (e) {
        const code = e instanceof CtapError ? e.code : 'internal';
        out.push({
          device,
          ctap2: false,
          u2f: false,
          wink: false,
          versions: [],
          credMgmt: false,
          error: code,
        });
      }
    }
    return out;
  }

  /** Sets the first PIN. */
  setPin(path: string, pin: string): Promise<void> {
    return this.withListed(path, (ctap) => new PinClient(ctap).setPin(pin));
  }

  /** Changes the PIN. */
  changePin(path: string, oldPin: string, newPin: string): Promise<void> {
    return this.withListed(path, (ctap) => new PinClient(ctap).changePin(oldPin, newPin));
  }

  /** Resident credentials grouped by RP. */
  listCredentials(path: string, pin: string): Promise<RpCredentials[]> {
    return this.withListed(path, async (ctap) => {
      const creds = new CredentialClient(ctap);
      return creds.list(await creds.token(new PinClient(ctap), pin));
    });
  }

  /** Deletes one resident credential (the UI confirms first). */
  deleteCredential(path: string, pin: string, credentialId: Uint8Array): Promise<void> {
    return this.withListed(path, async (ctap) => {
      const creds = new CredentialClient(ctap);
      await creds.delete(await creds.token(new PinClient(ctap), pin), credentialId);
    });
  }

  /**
   * Factory reset. Keys accept it only within about 10 s of being plugged in, and only with a touch:
   * call it right after `waitForReplug`. NOT_ALLOWED (too late) keeps its status so the UI can say
   * "unplug and plug in again, then confirm within 10 seconds".
   */
  reset(path: string, options: TransactOptions = {}): Promise<void> {
    return this.withListed(path, (ctap) => ctap.reset(options));
  }

  /**
   * The whole reset as users do it: exactly one key plugged in (else which key was replugged is
   * unknowable), wait for its replug (unless `replug` is false: a key just plugged in, or a simulator),
   * then reset at once, reporting 'replug' and, on the first KEEPALIVE UPNEEDED, 'touch'. Resolves with
   * the key's path after the replug.
   */
  async resetAfterReplug(path: string, o: ResetFlowOptions = {}): Promise<string> {
    const plugged = await this.deps.list();
    if (!plugged.some((d) => d.path === path))
      throw new CtapError('removed', 'the key to reset is not plugged in');
    if (plugged.length > 1)
      throw new FaktorError('key-several-plugged', 'unplug every other key before a reset');
    let target = path;
    if (o.replug !== false) {
      o.onStage?.('replug');
      target = (await this.waitForReplug(o.replugTimeoutMs ?? 60_000, 250, o.signal)).path;
    }
    let asked = false;
    await this.reset(target, {
      signal: o.signal,
      onKeepalive: (status) => {
        if (status !== KeepaliveStatus.UP_NEEDED || asked) return;
        asked = true;
        o.onStage?.('touch');
      },
    });
    return target;
  }

  /** Blinks the key so the user sees which one is meant. */
  wink(path: string): Promise<void> {
    return this.withListed(path, (ctap) => ctap.wink());
  }

  /**
   * Waits until a key disappears and a key appears again (the replug before a reset); resolves with the
   * new device, or fails as key-timeout after `timeoutMs` (as cancelled once `signal` aborts).
   */
  async waitForReplug(timeoutMs = 30_000, pollMs = 250, signal?: AbortSignal): Promise<KeyDevice> {
    const start = Date.now();
    let before = new Set((await this.deps.list()).map((d) => d.path));
    let sawRemoval = false;
    while (Date.now() - start < timeoutMs) {
      await new Promise((r) => setTimeout(r, pollMs));
      if (signal?.aborted) throw new CtapError('cancelled', 'stopped waiting for the key');
      const now = await this.deps.list();
      if (now.length < before.size) sawRemoval = true;
      const added = now.find((d) => !before.has(d.path));
      if (sawRemoval && added) return added;
      before = new Set(now.map((d) => d.path));
    }
    throw new CtapError('timeout', 'the key was not plugged in again in time');
  }
}

async function summarize(device: KeyDevice, ctap: Ctap2Client): Promise<KeySummary> {
  const caps = ctap.channel.device.capabilities;
  const base = {
    device,
    ctap2: ctap.supportsCtap2,
    u2f: ctap.supportsU2f,
    wink: (caps & Capability.WINK) !== 0,
  };
  if (!ctap.supportsCtap2) return { ...base, versions: ['U2F_V2'], credMgmt: false };
  const info = await ctap.info();
  let pinRetries: number | undefined;
  if (info.options.clientPin === true) {
    try {
      pinRetries = await new PinClient(ctap).retries();
    } catch (e) {
      if (!isCtapError(e, Status.INVALID_COMMAND)) throw e;
    }
  }
  return {
    ...base,
    aaguid: bytesToHex(info.aaguid),
    versions: info.versions,
    pinSet: info.options.clientPin,
    pinRetries,
    minPinLength: info.minPinLength,
    credMgmt: credMgmtCommand(info) !== undefined,
  };
}
