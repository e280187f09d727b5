import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** Props of Field: a labelled input with optional help and error text. */
export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  help?: string;
  error?: string | null;
  /** Render a custom control instead of <input> (gets the ids via the function). */
  control?: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** One labelled form field; help and error are tied to the input for screen readers. */
export function Field({ label, help, error, control, ...input }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control ? (
        control({ id, describedBy, invalid: Boolean(error) })
      ) : (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...input}
        />
      )}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
