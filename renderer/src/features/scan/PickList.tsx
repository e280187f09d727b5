import { useTranslation } from 'react-i18next';
import type { FoundCode } from '../../../../shared/qr/found-code';
import { displayName } from '../../store/selectors';
import { CodeLocation } from './CodeLocation';

/** Several codes were found: one button per code, saying what it is and where it was. */
export function PickList({
  codes,
  onOpen,
}: {
  codes: FoundCode[];
  onOpen: (code: FoundCode) => void;
}) {
  const { t } = useTranslation();
  const describe = (code: FoundCode): string => {
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
  };
  return (
    <>
      <p>{t('scan.pick', { count: codes.length })}</p>
      <ul className="scan-pick">
        {codes.map((code) => (
          <li key={code.token}>
            <button type="button" onClick={() => onOpen(code)}>
              <bdi className="scan-pick-what">{describe(code)}</bdi>
              <CodeLocation code={code} />
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
