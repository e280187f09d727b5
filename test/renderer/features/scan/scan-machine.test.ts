import { describe, expect, it } from 'vitest';
import type { FoundCode } from '../../../../shared/qr/found-code';
import { completeTokens, progress } from '../../../../shared/qr/migration-collector';
import {
  batchAccounts,
  initialScanState,
  scanReducer,
  type ScanEvent,
  type ScanState,
} from '../../../../renderer/src/features/scan/scan-machine';

const where = {
  position: {
    topLeft: { x: 0, y: 0 },
    topRight: { x: 9, y: 0 },
    bottomRight: { x: 9, y: 9 },
    bottomLeft: { x: 0, y: 9 },
  },
  imageSize: { width: 10, height: 10 },
};
const summary = (label: string) => ({
  type: 'totp' as const,
  issuer: 'Svc',
  label,
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
});
const account = (token: string): FoundCode => ({
  token,
  source: { kind: 'image' },
  route: { kind: 'add-account', summary: summary(token), warnings: [] },
  ...where,
});
const text = (token: string): FoundCode => ({
  token,
  source: { kind: 'image' },
  route: { kind: 'text', text: token },
  ...where,
});
const part = (
  token: string,
  batchIndex: number,
  batchSize: number,
  labels: string[],
  batchId = 7,
): FoundCode => ({
  token,
  source: { kind: 'image' },
  route: {
    kind: 'migration-part',
    batchId,
    batchIndex,
    batchSize,
    version: 1,
    accounts: labels.map(summary),
  },
  ...where,
});
const run = (...events: ScanEvent[]): ScanState => events.reduce(scanReducer, initialScanState);
const scanned = (...codes: FoundCode[]): ScanEvent => ({
  type: 'scanned',
  result: { codes, imagesScanned: 1 },
  source: 'image',
});

describe('scan dialog reducer', () => {
  it('opens with the source choice; a scan is busy, then says when it found nothing', () => {
    expect(initialScanState.phase).toEqual({ name: 'choose' });
    expect(run({ type: 'scan-started', source: 'screen' }).phase).toEqual({
      name: 'busy',
      source: 'screen',
    });
    expect(
      run(
        { type: 'scan-started', source: 'clipboard' },
        { type: 'scanned', result: { codes: [], imagesScanned: 0 }, source: 'clipboard' },
      ).phase,
    ).toEqual({
      name: 'choose',
      note: { kind: 'none', source: 'clipboard' },
    });
  });

  it('a failed scan goes back to the choice with the error; camera and back switch phases', () => {
    expect(run({ type: 'scan-failed', code: 'screen-capture-denied' }).phase).toEqual({
      name: 'choose',
      note: { kind: 'error', code: 'screen-capture-denied' },
    });
    expect(run({ type: 'camera' }).phase).toEqual({ name: 'camera' });
    expect(run({ type: 'camera' }, { type: 'back' }).phase).toEqual({ name: 'choose' });
  });

  it('one code opens its confirm step; several ask which one; picking one opens it', () => {
    const a = account('a');
    expect(run(scanned(a)).phase).toEqual({ name: 'code', code: a });
    const both = run(scanned(a, text('t')));
    expect(both.phase).toEqual({ name: 'pick', codes: [a, text('t')] });
    expect(scanReducer(both, { type: 'open', code: a }).phase).toEqual({ name: 'code', code: a });
  });

  it('a confirm is busy while it runs; a failure shows its words and frees the button; opening another code clears them', () => {
    const started = run(scanned(account('a')), { type: 'action-started' });
    expect(started).toMatchObject({ busy: true, actionError: null });
    const failed = scanReducer(started, { type: 'action-failed', message: 'Schon vorhanden' });
    expect(failed).toMatchObject({ busy: false, actionError: 'Schon vorhanden' });
    expect(scanReducer(failed, { type: 'open', code: account('b') })).toMatchObject({
      actionError: null,
      phase: { name: 'code' },
    });
    expect(scanReducer(started, { type: 'action-done' }).busy).toBe(false);
  });

  it('collects the parts of a Google export across scans until complete, accounts in part order', () => {
    const s1 = run(scanned(part('p1', 1, 2, ['c', 'd'])));
    expect(s1.phase).toEqual({ name: 'migration', batchId: 7 });
    expect(progress(s1.parts, 7)).toMatchObject({ have: 1, total: 2, complete: false });
    const s2 = scanReducer(s1, scanned(part('p0', 0, 2, ['a', 'b'])));
    expect(progress(s2.parts, 7)).toMatchObject({ have: 2, total: 2, complete: true });
    expect(completeTokens(s2.parts, 7)).toEqual(['p0', 'p1']);
    expect(batchAccounts(s2, 7).map((x) => x.label)).toEqual(['a', 'b', 'c', 'd']);
    expect(scanReducer(s2, { type: 'batch-imported', batchId: 7 }).parts).toEqual(
      initialScanState.parts,
    );
  });

  it('a part that conflicts with the collected one (same index, other content) goes back to the choice with a note', () => {
    const s = run(scanned(part('p0', 0, 2, ['a'])), scanned(part('other', 0, 2, ['zzz', 'yyy'])));
    expect(s.phase).toEqual({ name: 'choose', note: { kind: 'conflict' } });
  });

  it('a mix of parts and other codes is a pick list; picking a part collects it', () => {
    const p = part('p0', 0, 1, ['a']);
    const s = run(scanned(p, account('x')));
    expect(s.phase.name).toBe('pick');
    const opened = scanReducer(s, { type: 'open', code: p });
    expect(opened.phase).toEqual({ name: 'migration', batchId: 7 });
    expect(completeTokens(opened.parts, 7)).toEqual(['p0']);
  });
});
