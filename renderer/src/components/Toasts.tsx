import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/** The live region: "copied", "deleted — Undo", errors. Polite for info, assertive for errors. */
export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  return (
    <div className="toasts">
      <div role="status" aria-live="polite" className="toast-stack">
        {toasts
          .filter((x) => x.kind === 'info')
          .map((toast) => (
            <div key={toast.id} className="toast">
              {toast.named ? (
                <span>
                  {toast.named.before}
                  <bdi>{toast.named.name}</bdi>
                  {toast.named.after}
                </span>
              ) : (
                <span>{toast.text}</span>
              )}
              {toast.action ? (
                <button
                  type="button"
                  onClick={() => {
                    dismiss(toast.id);
                    toast.action?.run();
                  }}
                >
                  {toast.action.label}
                </button>
              ) : null}
              <DismissButton onClick={() => dismiss(toast.id)} />
            </div>
          ))}
      </div>
      <div role="alert" className="toast-stack">
        {toasts
          .filter((x) => x.kind === 'error')
          .map((toast) => (
            <div key={toast.id} className="toast toast-error">
              <span>{toast.text}</span>
              <DismissButton onClick={() => dismiss(toast.id)} />
            </div>
          ))}
      </div>
    </div>
  );
}

/** The ✕ on every toast. */
function DismissButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="icon" aria-label={t('toast.dismiss')} onClick={onClick}>
      <span aria-hidden="true">✕</span>
    </button>
  );
}
