import { useTranslation } from 'react-i18next';
import type { KeyView } from '../../../../shared/ipc/keys-schemas';

/** Formats a 32-hex-digit AAGUID as the usual 8-4-4-4-12 UUID. */
export function formatAaguid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A readable key's facts: manufacturer, AAGUID, versions, PIN state (CTAP2 only) and capabilities. */
export function KeyFacts({ keyView: k }: { keyView: KeyView }) {
  const { t } = useTranslation();
  const caps = [
    k.ctap2 ? t('keys.cap.ctap2') : null,
    k.u2f ? t('keys.cap.u2f') : null,
    k.credMgmt ? t('keys.cap.credMgmt') : null,
    k.wink ? t('keys.cap.wink') : null,
  ].filter(Boolean);
  const pin =
    k.pinSet === true
      ? k.pinRetries !== undefined
        ? t('keys.pinSetRetries', { retries: k.pinRetries })
        : t('keys.pinSet')
      : t('keys.pinNotSet');
  return (
    <dl className="key-facts">
      {k.manufacturer ? (
        <>
          <dt>{t('keys.manufacturer')}</dt>
          <dd>{k.manufacturer}</dd>
        </>
      ) : null}
      {k.aaguid ? (
        <>
          <dt>{t('keys.aaguid')}</dt>
          <dd className="key-mono">{formatAaguid(k.aaguid)}</dd>
        </>
      ) : null}
      <dt>{t('keys.versions')}</dt>
      <dd>{k.versions.join(', ')}</dd>
      {k.ctap2 ? (
        <>
          <dt>{t('keys.pinLabel')}</dt>
          <dd>{pin}</dd>
        </>
      ) : null}
      <dt>{t('keys.capabilities')}</dt>
      <dd>{caps.join(', ')}</dd>
    </dl>
  );
}
