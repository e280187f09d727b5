/** Props of DialogButtons. */
export interface DialogButtonsProps {
  readonly cancel: string;
  readonly submit: string;
  readonly onCancel: () => void;
  /** While true the submit button is disabled (the form's action is running). */
  readonly busy: boolean;
}

/** A form dialog's button row: a plain Cancel and the primary submit, in the order every form dialog uses. */
export function DialogButtons({ cancel, submit, onCancel, busy }: DialogButtonsProps) {
  return (
    <div className="dialog-buttons">
      <button type="button" onClick={onCancel}>
        {cancel}
      </button>
      <button type="submit" className="primary" disabled={busy}>
        {submit}
      </button>
    </div>
  );
}
