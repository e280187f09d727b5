import { useTranslation } from 'react-i18next';

/** Where "Remove this desktop" stands: asked, or failed at the server (then forgetting here is offered). */
export type RemoveStep = 'ask' | 'failed' | null;

/**
 * The panel's buttons: "Refresh" and "Remove this desktop", or, once remove was chosen, its question
 * (confirm at the server) or, after a failure, the offer to forget the pairing here only.
 */
export function AccountActions(props: {
  removing: RemoveStep;
  onRemoving: (step: RemoveStep) => void;
  busy: boolean;
  onRemove: (localOnly: boolean) => void;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const { removing, busy } = props;
  if (removing)
    return (
      <div className="dialog-buttons" role="group" aria-label={t('servicekonto.view.remove')}>
        <p>
          {t(removing === 'ask' ? 'servicekonto.view.removeAsk' : 'servicekonto.view.removeFailed')}
        </p>
        <button type="button" onClick={() => props.onRemoving(null)}>
          {t('servicekonto.view.cancel')}
        </button>
        {removing === 'ask' ? (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => props.onRemove(false)}
          >
            {t('servicekonto.view.removeConfirm')}
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => props.onRemove(true)}
          >
            {t('servicekonto.view.forgetHere')}
          </button>
        )}
      </div>
    );
  return (
    <div className="dialog-buttons">
      <button type="button" disabled={busy} onClick={props.onRefresh}>
        {t('servicekonto.view.refresh')}
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => props.onRemoving('ask')}
      >
        {t('servicekonto.view.remove')}
      </button>
    </div>
  );
}
