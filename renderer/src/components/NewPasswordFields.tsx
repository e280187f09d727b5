import { Field } from './Field';

/** Props of NewPasswordFields: the two values, their setters, labels and errors. */
export interface NewPasswordFieldsProps {
  labels: readonly [password: string, repeat: string];
  password: string;
  repeat: string;
  errors: { password?: string | null; repeat?: string | null };
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}

/**
 * A new password typed twice (the backup password, the app password): both fields tell the browser
 * and password managers that this is a new password, not one to fill in.
 */
export function NewPasswordFields(p: NewPasswordFieldsProps) {
  return (
    <>
      <Field
        label={p.labels[0]}
        type="password"
        autoComplete="new-password"
        value={p.password}
        error={p.errors.password}
        onChange={(e) => p.onPassword(e.target.value)}
      />
      <Field
        label={p.labels[1]}
        type="password"
        autoComplete="new-password"
        value={p.repeat}
        error={p.errors.repeat}
        onChange={(e) => p.onRepeat(e.target.value)}
      />
    </>
  );
}
