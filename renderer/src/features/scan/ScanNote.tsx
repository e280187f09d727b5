import { useTranslation } from 'react-i18next';
import type { ChooseNote } from './scan-machine';

/** Why the dialog is back at the sources (nothing found, an error, a conflicting export part), or the intro. */
export function ScanNote({ note }: { note: ChooseNote | undefined }) {
  const { t } = useTranslation();
  if (note?.kind === 'none')
    return (
      <p role="alert" className="scan-note">
        {t(`scan.none.${note.source}`)} {t('scan.tryOther')}
      </p>
    );
  if (note?.kind === 'error')
    return (
      <p role="alert" className="scan-note">
        {note.code === 'no-camera'
          ? `${t('scan.noCamera')} ${t('scan.tryOtherWithoutCamera')}`
          : `${t(`errors.${note.code}`)} ${t('scan.tryOther')}`}
      </p>
    );
  if (note?.kind === 'conflict')
    return (
      <p role="alert" className="scan-note">
        {t('scan.conflict')}
      </p>
    );
  return <p>{t('scan.intro')}</p>;
}
