import { useTranslation } from 'react-i18next';

/** The end of a key action: what happened, and the way back to the keys list (focused). */
export function KeyDone({ message, onDone }: { message: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status">{message}</p>
      <div className="dialog-buttons">
        <button type="button" className="primary" autoFocus onClick={onDone}>
          {t('keys.back')}
        </button>
      </div>
    </>
  );
}
