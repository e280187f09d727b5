import { OfflineApproval } from '../servicekonto/OfflineApproval';
import { PairingConfirm } from '../servicekonto/PairingConfirm';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/errors';
import type { FoundCode, ScanResult } from '../../../../shared/qr/found-code';
import { QR_IMAGE_LIMITS } from '../../../../shared/qr/image-limits';
import { addPart, completeTokens, emptyCollection, progress, removeBatch, type MigrationCollection } from '../../../../shared/qr/migration-collector';
import { loadAccounts } from '../../actions/accounts';
import { notify } from '../../actions/notify';
import { errorCode } from '../../api/bridge';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { displayName } from '../../store/selectors';
import { CameraScan } from './CameraScan';
import { CodeLocation } from './CodeLocation';
import { MixedScriptWarning } from './MixedScriptWarning';
import { blobToBase64, qrAddAccount, qrDecodeImage, qrImportMigration, qrScanClipboard, qrScanScreen } from './scan-api';
import './scan.css';

type Source = 'screen' | 'camera' | 'image' | 'clipboard';
type MigrationCode = FoundCode & { route: Extract<FoundCode['route'], { kind: 'migration-part' }> };

/** Where the dialog stands. Nothing is ever added or imported without the confirm step. */
type Phase =
  | { name: 'choose'; note?: { kind: 'none'; source: Source } | { kind: 'error'; code: ErrorCode | 'no-camera' } | { kind: 'conflict' } }
  | { name: 'busy'; source: Source }
  | { name: 'camera' }
  | { name: 'pick'; codes: FoundCode[] }
  | { name: 'code'; code: FoundCode }
  | { name: 'migration'; batchId: number };

const isMigration = (c: FoundCode): c is MigrationCode => c.route.kind === 'migration-part';

/**
 * "Scan QR code": screen, camera, image file (picker or drag & drop) or clipboard; then one flow per
 * kind of code (docs/qr.md). Main keeps the payloads; this dialog only ever sees summaries and tokens.
 * `initial` is a scan made outside the window (tray, global shortcut, faktor:// link — docs/desktop.md):
 * shown at once, one code straight at its confirm step.
 */
export function ScanDialog({ initial }: { initial?: ScanResult } = {}) {
  const { t } = useTranslation();
  const close = () => useStore.getState().openDialog(null);
  const [phase, setPhase] = useState<Phase>({ name: 'choose' });
  const [parts, setParts] = useState<MigrationCollection>(emptyCollection);
  const [partCodes, setPartCodes] = useState<Record<string, MigrationCode>>({});
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  function addParts(codes: MigrationCode[]): void {
    let c = parts;
    let conflict = false;
    for (const code of codes) {
      const r = addPart(c, { token: code.token, batchId: code.route.batchId, batchIndex: code.route.batchIndex, batchSize: code.route.batchSize, accountCount: code.route.accounts.length });
      if (r.outcome === 'conflict') conflict = true;
      c = r.collection;
    }
    setParts(c);
    setPartCodes((m) => Object.fromEntries([...Object.entries(m), ...codes.map((x) => [x.token, x] as const)]));
    setPhase(conflict ? { name: 'choose', note: { kind: 'conflict' } } : { name: 'migration', batchId: codes[0]!.route.batchId });
  }

  function open(code: FoundCode): void {
    setActionError(null);
    if (isMigration(code)) addParts([code]);
    else setPhase({ name: 'code', code });
  }

  function show(result: ScanResult, source: Source): void {
    const { codes } = result;
    if (codes.length === 0) setPhase({ name: 'choose', note: { kind: 'none', source } });
    else if (codes.every(isMigration)) addParts(codes);
    else if (codes.length === 1) open(codes[0]!);
    else setPhase({ name: 'pick', codes });
  }

  async function run(source: Source, scan: () => Promise<ScanResult>): Promise<void> {
    setPhase({ name: 'busy', source });
    try {
      show(await scan(), source);
    } catch (e) {
      setPhase({ name: 'choose', note: { kind: 'error', code: errorCode(e) } });
    }
  }

  useEffect(() => {
    if (initial) show(initial, 'screen');
    // Only the result the dialog was opened with; a new one re-opens the dialog (actions/desktop.ts).
  }, [initial]);

  function scanFile(file: File | undefined): void {
    if (!file) return;
    if (file.size > QR_IMAGE_LIMITS.maxEncodedBytes || !/^image\/(png|jpeg)$/.test(file.type)) {
      setPhase({ name: 'choose', note: { kind: 'error', code: 'image-unreadable' } });
      return;
    }
    void run('image', async () => qrDecodeImage(await blobToBase64(file), 'image'));
  }

  function onDrop(e: DragEvent): void {
    e.preventDefault();
    scanFile(e.dataTransfer.files[0]);
  }

  async function confirmAdd(code: FoundCode): Promise<void> {
    setBusy(true);
    setActionError(null);
    try {
      const account = await qrAddAccount(code.token);
      await loadAccounts();
      notify(t('toast.added', { name: displayName(account) }));
      close();
    } catch (e) {
      setActionError(t(`errors.${errorCode(e)}`));
    } finally {
      setBusy(false);
    }
  }

  async function confirmImport(batchId: number): Promise<void> {
    const tokens = completeTokens(parts, batchId);
    if (!tokens) return;
    setBusy(true);
    setActionError(null);
    try {
      const result = await qrImportMigration(tokens);
      setParts((c) => removeBatch(c, batchId));
      await loadAccounts();
      const dup = result.duplicates.map(displayName).join(', ');
      notify(t('scan.imported', { count: result.imported }) + (dup ? ` ${t('scan.skipped', { names: dup })}` : ''));
      close();
    } catch (e) {
      setActionError(t(`errors.${errorCode(e)}`));
    } finally {
      setBusy(false);
    }
  }

  const sources = (
    <div className="scan-sources" role="group" aria-label={t('scan.sources')}>
      <button type="button" className="primary" onClick={() => void run('screen', qrScanScreen)}>
        {t('scan.screen')}
      </button>
      <button type="button" onClick={() => setPhase({ name: 'camera' })}>
        {t('scan.camera')}
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        {t('scan.image')}
      </button>
      <button type="button" onClick={() => void run('clipboard', qrScanClipboard)}>
        {t('scan.clipboard')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg"
        className="visually-hidden"
        aria-label={t('scan.imageInput')}
        tabIndex={-1}
        onChange={(e) => {
          scanFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );

  let body;
  switch (phase.name) {
    case 'choose': {
      const note = phase.note;
      body = (
        <>
          {note?.kind === 'none' ? (
            <p role="alert" className="scan-note">
              {t(`scan.none.${note.source}`)} {t('scan.tryOther')}
            </p>
          ) : note?.kind === 'error' ? (
            <p role="alert" className="scan-note">
              {note.code === 'no-camera' ? `${t('scan.noCamera')} ${t('scan.tryOtherWithoutCamera')}` : `${t(`errors.${note.code}`)} ${t('scan.tryOther')}`}
            </p>
          ) : note?.kind === 'conflict' ? (
            <p role="alert" className="scan-note">
              {t('scan.conflict')}
            </p>
          ) : (
            <p>{t('scan.intro')}</p>
          )}
          {sources}
          <p className="scan-drop">{t('scan.dropHint')}</p>
        </>
      );
      break;
    }
    case 'busy':
      body = <p role="status">{t(`scan.busy.${phase.source}`)}</p>;
      break;
    case 'camera':
      body = (
        <>
          <CameraScan
            onFound={(r) => show(r, 'camera')}
            onFailed={(reason) => setPhase({ name: 'choose', note: { kind: 'error', code: reason } })}
          />
          <div className="dialog-buttons">
            <button type="button" onClick={() => setPhase({ name: 'choose' })}>
              {t('scan.stopCamera')}
            </button>
          </div>
        </>
      );
      break;
    case 'pick':
      body = (
        <>
          <p>{t('scan.pick', { count: phase.codes.length })}</p>
          <ul className="scan-pick">
            {phase.codes.map((code) => (
              <li key={code.token}>
                <button type="button" onClick={() => open(code)}>
                  <bdi className="scan-pick-what">{describe(code)}</bdi>
                  <CodeLocation code={code} />
                </button>
              </li>
            ))}
          </ul>
        </>
      );
      break;
    case 'code':
      body = <CodeView code={phase.code} busy={busy} error={actionError} onAdd={(c) => void confirmAdd(c)} onBack={() => setPhase({ name: 'choose' })} />;
      break;
    case 'migration': {
      const p = progress(parts, phase.batchId);
      const accounts = Object.values(partCodes)
        .filter((c) => c.route.batchId === phase.batchId)
        .sort((a, b) => a.route.batchIndex - b.route.batchIndex)
        .flatMap((c) => c.route.accounts);
      body = p ? (
        <>
          <p role="status" className="scan-progress">
            {t('scan.migrationProgress', { have: p.have, total: p.total })}
          </p>
          <progress max={p.total} value={p.have} aria-label={t('scan.migrationProgress', { have: p.have, total: p.total })} />
          {p.complete ? (
            <>
              <p>{t('scan.migrationReady', { count: accounts.length })}</p>
              <ul className="scan-accounts">
                {accounts.map((a, i) => (
                  <li key={i}>
                    <bdi>{displayName(a)}</bdi>
                  </li>
                ))}
              </ul>
              <MixedScriptWarning names={accounts.flatMap((a) => [a.issuer, a.label])} />
              {actionError ? <p role="alert">{actionError}</p> : null}
              <div className="dialog-buttons">
                <button type="button" onClick={close}>
                  {t('scan.cancel')}
                </button>
                <button type="button" className="primary" disabled={busy} onClick={() => void confirmImport(phase.batchId)}>
                  {t('scan.importAll', { count: accounts.length })}
                </button>
              </div>
            </>
          ) : (
            <>
              <p>{t('scan.migrationNext')}</p>
              {sources}
            </>
          )}
        </>
      ) : null;
      break;
    }
  }

  function describe(code: FoundCode): string {
    const r = code.route;
    switch (r.kind) {
      case 'add-account':
        return displayName(r.summary);
      case 'migration-part':
        return t('scan.migrationPart', { index: r.batchIndex + 1, total: r.batchSize });
      case 'servicekonto-pairing':
      case 'servicekonto-login':
        return t('scan.servicekonto');
      case 'invalid':
        return t('scan.invalid');
      case 'text':
        return t('scan.textShort', { text: r.text.slice(0, 40) });
    }
  }

  return (
    <Dialog title={t('scan.title')} onClose={close} className="dialog-wide">
      <div className="scan-body" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        {body}
      </div>
      {phase.name === 'choose' || phase.name === 'pick' ? (
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            {t('scan.close')}
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}

/** One found code's flow: confirm an account, or explain why there is nothing to do. */
function CodeView({ code, busy, error, onAdd, onBack }: { code: FoundCode; busy: boolean; error: string | null; onAdd: (c: FoundCode) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const r = code.route;
  const back = (
    <button type="button" onClick={onBack}>
      {t('scan.back')}
    </button>
  );
  if (r.kind === 'add-account') {
    const s = r.summary;
    return (
      <>
        <p>{t('scan.confirmAdd')}</p>
        <dl className="scan-summary">
          <dt>{t('scan.issuer')}</dt>
          <dd>
            <bdi>{s.issuer || '—'}</bdi>
          </dd>
          <dt>{t('scan.label')}</dt>
          <dd>
            <bdi>{s.label}</bdi>
          </dd>
          <dt>{t('scan.type')}</dt>
          <dd>{s.type === 'totp' ? t('add.totp') : t('add.hotp')}</dd>
          <dt>{t('scan.algorithm')}</dt>
          <dd>{s.algorithm}</dd>
          <dt>{t('scan.digits')}</dt>
          <dd>{s.digits}</dd>
          {s.type === 'totp' ? (
            <>
              <dt>{t('scan.period')}</dt>
              <dd>{t('scan.seconds', { count: s.period })}</dd>
            </>
          ) : null}
        </dl>
        <MixedScriptWarning names={[s.issuer, s.label]} />
        {r.warnings.map((w) => (
          <p key={w} className="scan-warning">
            {t(`scan.warning.${w}`, { defaultValue: w })}
          </p>
        ))}
        {error ? <p role="alert">{error}</p> : null}
        <div className="dialog-buttons">
          {back}
          <button type="button" className="primary" disabled={busy} onClick={() => onAdd(code)}>
            {t('scan.addAccount')}
          </button>
        </div>
      </>
    );
  }
  if (r.kind === 'servicekonto-pairing') return <PairingConfirm token={code.token} pairing={r.pairing} onBack={onBack} onDone={onBack} />;
  if (r.kind === 'servicekonto-login') return <OfflineApproval token={code.token} login={r.login} onBack={onBack} />;
  let message;
  if (r.kind === 'invalid')
    message = (
      <p role="alert">
        {t(r.target === 'otpauth' ? 'scan.invalidOtpauth' : r.target === 'otpauth-migration' ? 'scan.invalidMigration' : 'scan.invalidServicekonto')} {t(`errors.${r.error}`, { defaultValue: '' })}
      </p>
    );
  else if (r.kind === 'text')
    message = (
      <>
        <p role="alert">{t('scan.notAuthenticator')}</p>
        <pre className="scan-text">{r.text}</pre>
      </>
    );
  return (
    <>
      {message}
      <div className="dialog-buttons">{back}</div>
    </>
  );
}
