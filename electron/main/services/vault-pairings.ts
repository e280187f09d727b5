import { FaktorError } from '../../../shared/errors';
import { PairedRecordSchema, samePairing, type PairedRecord } from './servicekonto/paired-record';

/*
 * The paired-Servicekonto records the vault keeps next to the accounts (docs/servicekonto-app.md):
 * the pure list changes; the vault (vault.ts) commits them in its serialized, atomic writes.
 */

/**
 * The list with `record` stored (checked against its schema). A record for the same server and
 * account replaces the old one (a re-pairing after reinstall: the old means stays on the server
 * until the user removes it there).
 */
export function withPairing(
  pairings: readonly PairedRecord[],
  record: PairedRecord,
): PairedRecord[] {
  const checked = PairedRecordSchema.parse(record) as PairedRecord;
  return [...pairings.filter((p) => p.id !== checked.id && !samePairing(p, checked)), checked];
}

/** The list without the record with this id ('not-found' when there is none). */
export function withoutPairing(pairings: readonly PairedRecord[], id: string): PairedRecord[] {
  if (!pairings.some((p) => p.id === id)) throw new FaktorError('not-found');
  return pairings.filter((p) => p.id !== id);
}
