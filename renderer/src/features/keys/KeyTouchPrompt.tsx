import { useTranslation } from 'react-i18next';
import { keysCancel } from './keys-api';

/** While main waits for a touch on the key: the prompt in large type and the way to cancel the wait. */
export function KeyTouchPrompt({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="key-prompt" role="status">
        {message}
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => void keysCancel()}>
          {t('keys.cancel')}
        </button>
      </div>
    </>
  );
}
