import { useTranslation } from 'react-i18next';
import { backupExportPlain, exportAs } from '../../api/backup';
import type { Outcome } from '../../components/use-outcome';
import { WarningTick } from '../../components/WarningTick';

/**
 * Saving without encryption (otpauth:// list, Aegis plain, QR sheet), only after the warning's explicit
 * tick. The tick is kept by the dialog, so it survives switching modes; a written file clears it.
 */
export function PlainExport({
  busy,
  run,
  plainOk,
  onPlainOk,
}: {
  busy: boolean;
  run: (work: () => Promise<Outcome>) => Promise<void>;
  plainOk: boolean;
  onPlainOk: (ok: boolean) => void;
}) {
  const { t } = useTranslation();

  function exportPlain(format: 'otpauth' | 'aegis-plain' | 'qr-sheet' = 'otpauth') {
    void run(async () => {
      const r = format === 'otpauth' ? await backupExportPlain() : await exportAs(format);
      onPlainOk(false);
      return { kind: 'ok', text: t('backup.exported', { count: r.count, fileName: r.fileName }) };
    });
  }

  return (
    <section className="settings-section" aria-labelledby="plain-heading">
      <h3 id="plain-heading">{t('backup.plainHeading')}</h3>
      <WarningTick
        warning={t('backup.plainWarning')}
        label={t('backup.plainConfirm')}
        checked={plainOk}
        onChange={onPlainOk}
      />
      <div className="dialog-buttons">
        <button
          type="button"
          className="danger"
          disabled={!plainOk || busy}
          onClick={() => exportPlain()}
        >
          {t('backup.plainButton')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!plainOk || busy}
          onClick={() => exportPlain('aegis-plain')}
        >
          {t('importer.aegisButton')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!plainOk || busy}
          onClick={() => exportPlain('qr-sheet')}
        >
          {t('importer.sheetButton')}
        </button>
      </div>
    </section>
  );
}
