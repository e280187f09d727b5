import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/ipc/schemas';
import { displayName } from '../../store/selectors';
import { useReveal } from '../../components/FormError';
import { NameList } from '../../components/NameList';

/** What a picked file holds before anything is imported: the accounts, those left out and why, duplicates, and "import all". */
export function ImportPreviewResult({
  preview,
  busy,
  onCommit,
}: {
  preview: ImportPreview;
  busy: boolean;
  onCommit: () => void;
}) {
  const { t } = useTranslation();
  const reveal = useReveal();
  return (
    <div className="result" role="status" ref={reveal}>
      <p>
        {t('importer.found', {
          count: preview.accounts.length,
          format: t(`importer.formats.${preview.format}`),
        })}
      </p>
      <NameList className="duplicates" accounts={preview.accounts} />
      {preview.dropped.length > 0 ? (
        <>
          <p>{t('importer.dropped')}</p>
          <ul className="duplicates">
            {preview.dropped.map((d) => (
              <li key={d.entry}>
                {t('importer.droppedEntry', { name: displayName(d), type: d.detail })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.duplicates.length > 0 ? (
        <>
          <p>{t('backup.duplicates')}</p>
          <NameList className="duplicates" accounts={preview.duplicates} />
        </>
      ) : null}
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || preview.accounts.length === 0}
          onClick={onCommit}
        >
          {t('importer.commit', { count: preview.accounts.length })}
        </button>
      </div>
    </div>
  );
}
