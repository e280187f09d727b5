/**
 * Collects the QR codes of a multi-part Google Authenticator export ("2 of 3") until every part is
 * there. Pure and immutable: each call returns a new collection, so the renderer store and the main
 * process's final check use the same rules.
 */

/** What the collector needs to know about one scanned part. `token` identifies its payload. */
export interface MigrationPartRef {
  readonly token: string;
  readonly batchId: number;
  readonly batchIndex: number;
  readonly batchSize: number;
  readonly accountCount: number;
}

/** One export batch being collected: parts by index. */
export interface Batch {
  readonly batchId: number;
  readonly batchSize: number;
  readonly parts: Readonly<Record<number, MigrationPartRef>>;
}

/** All batches seen so far, by batch id. */
export type MigrationCollection = Readonly<Record<string, Batch>>;

/** The empty collection. */
export const emptyCollection: MigrationCollection = {};

/**
 * added: a new part; duplicate: this exact part was already scanned (ignored); conflict: same batch and
 * index but a different payload, or a different batch size — the user scanned codes of two different
 * exports that share an id, so nothing is imported until they start over.
 */
export type AddOutcome = 'added' | 'duplicate' | 'conflict';

/** Progress of one batch, for "2 of 3". */
export interface BatchProgress {
  readonly batchId: number;
  readonly have: number;
  readonly total: number;
  readonly missing: readonly number[];
  readonly complete: boolean;
  readonly accountCount: number;
}

/** Adds one part; never throws. Invalid index/size counts as a conflict. */
export function addPart(
  c: MigrationCollection,
  part: MigrationPartRef,
): { collection: MigrationCollection; outcome: AddOutcome } {
  const valid =
    Number.isInteger(part.batchSize) &&
    part.batchSize >= 1 &&
    Number.isInteger(part.batchIndex) &&
    part.batchIndex >= 0 &&
    part.batchIndex < part.batchSize;
  if (!valid) return { collection: c, outcome: 'conflict' };
  const key = String(part.batchId);
  const batch = c[key];
  if (!batch) {
    return {
      collection: {
        ...c,
        [key]: {
          batchId: part.batchId,
          batchSize: part.batchSize,
          parts: { [part.batchIndex]: part },
        },
      },
      outcome: 'added',
    };
  }
  if (batch.batchSize !== part.batchSize) return { collection: c, outcome: 'conflict' };
  const existing = batch.parts[part.batchIndex];
  if (existing)
    return { collection: c, outcome: existing.token === part.token ? 'duplicate' : 'conflict' };
  return {
    collection: { ...c, [key]: { ...batch, parts: { ...batch.parts, [part.batchIndex]: part } } },
    outcome: 'added',
  };
}

/** "have of total", which indexes are missing, and whether the batch is complete. */
export function progress(c: MigrationCollection, batchId: number): BatchProgress | null {
  const batch = c[String(batchId)];
  if (!batch) return null;
  const missing: number[] = [];
  let accountCount = 0;
  for (let i = 0; i < batch.batchSize; i++) {
    const p = batch.parts[i];
    if (p) accountCount += p.accountCount;
    else missing.push(i);
  }
  const have = batch.batchSize - missing.length;
  return {
    batchId,
    have,
    total: batch.batchSize,
    missing,
    complete: missing.length === 0,
    accountCount,
  };
}

/** Tokens of a complete batch in index order, or null while parts are missing. */
export function completeTokens(c: MigrationCollection, batchId: number): string[] | null {
  const batch = c[String(batchId)];
  if (!batch) return null;
  const tokens: string[] = [];
  for (let i = 0; i < batch.batchSize; i++) {
    const p = batch.parts[i];
    if (!p) return null;
    tokens.push(p.token);
  }
  return tokens;
}

/** Drops one batch (after import or when the user starts over). */
export function removeBatch(c: MigrationCollection, batchId: number): MigrationCollection {
  const next = { ...c };
  delete next[String(batchId)];
  return next;
}
