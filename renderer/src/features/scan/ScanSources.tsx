import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../../shared/qr/found-code';
import type { ScanSource } from './scan-machine';
import { qrScanClipboard, qrScanScreen } from './scan-api';

/** The four sources a scan can start from: screen, camera, image file (hidden picker), clipboard. */
export function ScanSources({
  onScan,
  onCamera,
  onFile,
}: {
  onScan: (source: ScanSource, scan: () => Promise<ScanResult>) => void;
  onCamera: () => void;
  onFile: (file: File | undefined) => void;
}) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="scan-sources" role="group" aria-label={t('scan.sources')}>
      <button type="button" className="primary" onClick={() => onScan('screen', qrScanScreen)}>
        {t('scan.screen')}
      </button>
      <button type="button" onClick={onCamera}>
        {t('scan.camera')}
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        {t('scan.image')}
      </button>
      <button type="button" onClick={() => onScan('clipboard', qrScanClipboard)}>
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
          onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}
