import type { ErrorCode } from '../../../../shared/errors';
import type { AccountSummary } from '../../../../shared/qr/router';
import type { FoundCode, ScanResult } from '../../../../shared/qr/found-code';
import {
  addPart,
  emptyCollection,
  removeBatch,
  type MigrationCollection,
} from '../../../../shared/qr/migration-collector';

/** Where a scan can come from. */
export type ScanSource = 'screen' | 'camera' | 'image' | 'clipboard';

/** A found code that is one part of a Google Authenticator export. */
export type MigrationCode = FoundCode & {
  route: Extract<FoundCode['route'], { kind: 'migration-part' }>;
};

/** Why the dialog is back at the source choice (shown above the sources). */
export type ChooseNote =
  | { kind: 'none'; source: ScanSource }
  | { kind: 'error'; code: ErrorCode | 'no-camera' }
  | { kind: 'conflict' };

/** Where the dialog stands. Nothing is ever added or imported without the confirm step. */
export type ScanPhase =
  | { name: 'choose'; note?: ChooseNote }
  | { name: 'busy'; source: ScanSource }
  | { name: 'camera' }
  | { name: 'pick'; codes: FoundCode[] }
  | { name: 'code'; code: FoundCode }
  | { name: 'migration'; batchId: number };

/** The scan dialog's whole state: the phase, the export parts collected so far, a confirm in flight. */
export interface ScanState {
  readonly phase: ScanPhase;
  readonly parts: MigrationCollection;
  readonly partCodes: Readonly<Record<string, MigrationCode>>;
  readonly busy: boolean;
  readonly actionError: string | null;
}

/** What can happen to the dialog. */
export type ScanEvent =
  | { type: 'scan-started'; source: ScanSource }
  | { type: 'scanned'; result: ScanResult; source: ScanSource }
  | { type: 'scan-failed'; code: ErrorCode | 'no-camera' }
  | { type: 'camera' }
  | { type: 'back' }
  | { type: 'open'; code: FoundCode }
  | { type: 'action-started' }
  | { type: 'action-failed'; message: string }
  | { type: 'action-done' }
  | { type: 'batch-imported'; batchId: number };

/** The dialog as it opens. */
export const initialScanState: ScanState = {
  phase: { name: 'choose' },
  parts: emptyCollection,
  partCodes: {},
  busy: false,
  actionError: null,
};

/** Whether a found code is an export part. */
export const isMigration = (c: FoundCode): c is MigrationCode => c.route.kind === 'migration-part';

/**
 * The scan dialog's transitions, pure (flows in docs/qr.md): one code opens its flow, several
 * codes a pick list, export parts are collected per batch (a conflicting part goes back to the choice
 * with a note), and a scan that finds nothing says so.
 */
export function scanReducer(s: ScanState, e: ScanEvent): ScanState {
  switch (e.type) {
    case 'scan-started':
      return { ...s, phase: { name: 'busy', source: e.source } };
    case 'scanned':
      return show(s, e.result, e.source);
    case 'scan-failed':
      return { ...s, phase: { name: 'choose', note: { kind: 'error', code: e.code } } };
    case 'camera':
      return { ...s, phase: { name: 'camera' } };
    case 'back':
      return { ...s, phase: { name: 'choose' } };
    case 'open':
      return open(s, e.code);
    case 'action-started':
      return { ...s, busy: true, actionError: null };
    case 'action-failed':
      return { ...s, busy: false, actionError: e.message };
    case 'action-done':
      return { ...s, busy: false };
    case 'batch-imported':
      return { ...s, busy: false, parts: removeBatch(s.parts, e.batchId) };
  }
}

function show(s: ScanState, result: ScanResult, source: ScanSource): ScanState {
  const { codes } = result;
  if (codes.length === 0)
    return { ...s, phase: { name: 'choose', note: { kind: 'none', source } } };
  if (codes.every(isMigration)) return addParts(s, codes);
  if (codes.length === 1) return open(s, codes[0]!);
  return { ...s, phase: { name: 'pick', codes } };
}

function open(s: ScanState, code: FoundCode): ScanState {
  const cleared = { ...s, actionError: null };
  return isMigration(code)
    ? addParts(cleared, [code])
    : { ...cleared, phase: { name: 'code', code } };
}

function addParts(s: ScanState, codes: MigrationCode[]): ScanState {
  let parts = s.parts;
  let conflict = false;
  for (const code of codes) {
    const r = addPart(parts, {
      token: code.token,
      batchId: code.route.batchId,
      batchIndex: code.route.batchIndex,
      batchSize: code.route.batchSize,
      accountCount: code.route.accounts.length,
    });
    if (r.outcome === 'conflict') conflict = true;
    parts = r.collection;
  }
  const partCodes = {
    ...s.partCodes,
    ...Object.fromEntries(codes.map((x) => [x.token, x] as const)),
  };
  const phase: ScanPhase = conflict
    ? { name: 'choose', note: { kind: 'conflict' } }
    : { name: 'migration', batchId: codes[0]!.route.batchId };
  return { ...s, parts, partCodes, phase };
}

/** The accounts of a batch's collected parts, in part order (what the import will add). */
export function batchAccounts(s: ScanState, batchId: number): AccountSummary[] {
  return Object.values(s.partCodes)
    .filter((c) => c.route.batchId === batchId)
    .sort((a, b) => a.route.batchIndex - b.route.batchIndex)
    .flatMap((c) => c.route.accounts);
}
