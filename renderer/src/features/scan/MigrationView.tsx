import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { progress } from '../../../../shared/qr/migration-collector';
import { NameList } from '../../components/NameList';
import { MixedScriptWarning } from './MixedScriptWarning';
import { batchAccounts, type ScanState } from './scan-machine';

/** A Google export being collected: progress, then (complete) its accounts and the import confirm. */
export function MigrationView(p: {
  state: ScanState;
  batchId: number;
  sources: ReactNode;
  onCancel: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const have = progress(p.state.parts, p.batchId);
  if (!have) return null;
  const accounts = batchAccounts(p.state, p.batchId);
  return (
    <>
      <p role="status" className="scan-progress">
        {t('scan.migrationProgress', { have: have.have, total: have.total })}
      </p>
      <progress
        max={have.total}
        value={have.have}
        aria-label={t('scan.migrationProgress', { have: have.have, total: have.total })}
      />
      {have.complete ? (
        <>
          <p>{t('scan.migrationReady', { count: accounts.length })}</p>
          <NameList className="scan-accounts" accounts={accounts} />
          <MixedScriptWarning names={accounts.flatMap((a) => [a.issuer, a.label])} />
          {p.state.actionError ? <p role="alert">{p.state.actionError}</p> : null}
          <div className="dialog-buttons">
            <button type="button" onClick={p.onCancel}>
              {t('scan.cancel')}
            </button>
            <button type="button" className="primary" disabled={p.state.busy} onClick={p.onImport}>
              {t('scan.importAll', { count: accounts.length })}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('scan.migrationNext')}</p>
          {p.sources}
        </>
      )}
    </>
  );
}
