import { readFile, stat } from 'node:fs/promises';
import { FaktorError, isFaktorError } from '../../../shared/errors';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { AccountView } from '../../../shared/ipc/schemas';
import type { Ports } from '../ports';
import { NODE_KDF, type KdfPrimitives } from '../services/crypto';
import {
  commitFile,
  forgetFile,
  previewFile,
  type ImportVault,
} from '../services/import/import-foreign';
import { MAX_IMPORT_BYTES, readForeign, type ForeignFile } from '../services/import/read-foreign';
import { newId } from '../services/vault-account';

/** The channels of issue 11's "no lock-in" part. */
export type ImportChannel = 'import-preview' | 'import-commit';

/** How long a previewed import stays committable. */
export const IMPORT_PREVIEW_MS = 10 * 60 * 1000;
/**
 * Wrong passwords one picked file may take before its bytes are dropped: the retry needs no file dialog,
 * so without a limit a compromised renderer could try passwords against it unattended.
 */
export const IMPORT_PASSWORD_TRIES = 5;

/** File dialog filter: every format the importer reads (docs/import-formats.md). */
export const IMPORT_FILTERS = [
  {
    name: 'Authenticator export',
    extensions: ['json', '2fas', 'txt', 'aes', 'faktor', 'authpro', 'bak'],
  },
  { name: 'All files', extensions: ['*'] },
] as const;

/**
 * Preview → commit for other apps' files. The decoded accounts of ONE
 * previewed file are held (never sent) until committed, replaced by the next preview, expired, or
 * the vault locks — the same lifecycle as a scanned Google export in api/qr.ts.
 */
export function createImportHandlers(deps: {
  vault: ImportVault & { list(): Promise<AccountView[]> };
  ports: Ports;
  kdf?: KdfPrimitives;
  onVaultLocked?: (listener: () => void) => void;
}): { readonly [C in ImportChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> } {
  let pending: { token: string; file: ForeignFile; expiresAt: number } | null = null;
  const picker = createImportPicker(deps.ports);
  const forget = () => {
    if (pending) forgetFile(pending.file);
    pending = null;
    picker.drop();
  };
  deps.onVaultLocked?.(forget);

  return {
    'import-preview': async ({ format, password, retryToken }) => {
      await deps.vault.list(); // refuse while locked, before asking for a file
      const { bytes, tries } = await picker.pick(retryToken, forget);
      let file: ForeignFile;
      try {
        file = await readForeign(
          bytes,
          { format: format ?? undefined, password },
          deps.kdf ?? NODE_KDF,
        );
      } catch (e) {
        if (!isFaktorError(e) || e.code !== 'backup-wrong-password') throw e;
        throw picker.refused(e.detail, bytes, tries);
      }
      try {
        const outcome = await previewFile(file, deps.vault);
        const token = newId();
        pending = { token, file, expiresAt: deps.ports.clock.now() + IMPORT_PREVIEW_MS };
        return {
          token,
          format: outcome.format,
          accounts: outcome.accounts,
          duplicates: outcome.duplicates,
          dropped: outcome.dropped.map(clip),
        };
      } catch (e) {
        forgetFile(file);
        throw e;
      }
    },
    'import-commit': async ({ token }) => {
      await deps.vault.list();
      const p = pending;
      if (!p || p.token !== token || deps.ports.clock.now() > p.expiresAt) {
        forget();
        throw new FaktorError('not-found', 'no such import preview');
      }
      pending = null;
      try {
        const outcome = await commitFile(p.file, deps.vault);
        return { imported: outcome.imported, duplicates: outcome.duplicates };
      } finally {
        forgetFile(p.file);
      }
    },
  };
}

/**
 * Where an import's bytes come from: the file dialog, or — after a wrong or missing password — the same
 * bytes kept behind a single-use retry token, so the password can be asked again without a new pick.
 */
function createImportPicker(ports: Ports) {
  /** The picked file's bytes after a wrong/missing password, so the password can be asked again without a new pick. */
  let retry: { token: string; bytes: Uint8Array; expiresAt: number; tries: number } | null = null;
  return {
    /** Zeroes and drops the kept bytes. */
    drop(): void {
      retry?.bytes.fill(0);
      retry = null;
    },
    /** The file's bytes and how many wrong passwords it already took; `forget` runs as a new preview begins. */
    async pick(
      retryToken: string | undefined,
      forget: () => void,
    ): Promise<{ bytes: Uint8Array; tries: number }> {
      if (retryToken !== undefined) {
        const r = retry;
        retry = null; // single use: a wrong password again hands out a new token
        if (!r || r.token !== retryToken || ports.clock.now() > r.expiresAt)
          throw new FaktorError('not-found', 'no such import retry');
        forget();
        return { bytes: r.bytes, tries: r.tries };
      }
      forget();
      const path = await ports.dialogs.chooseOpenFile(IMPORT_FILTERS);
      if (path === null) throw new FaktorError('cancelled');
      if ((await stat(path)).size > MAX_IMPORT_BYTES)
        throw new FaktorError('import-damaged', 'too large');
      return { bytes: new Uint8Array(await readFile(path)), tries: 0 };
    },
    /** A wrong password: the error to throw, with a retry token unless that was the last allowed try. */
    refused(detail: string | undefined, bytes: Uint8Array, tries: number): FaktorError {
      if (tries + 1 >= IMPORT_PASSWORD_TRIES) {
        bytes.fill(0);
        return new FaktorError('backup-wrong-password', detail); // no retry token: the next try picks the file again
      }
      retry = {
        token: newId(),
        bytes,
        expiresAt: ports.clock.now() + IMPORT_PREVIEW_MS,
        tries: tries + 1,
      };
      return new FaktorError('backup-wrong-password', detail, { retryToken: retry.token });
    },
  };
}

/** Names of dropped entries come straight from the file: bounded for display. */
function clip<T extends { issuer: string; label: string; detail: string }>(d: T): T {
  return {
    ...d,
    issuer: d.issuer.slice(0, 200),
    label: d.label.slice(0, 200),
    detail: d.detail.slice(0, 32),
  };
}
