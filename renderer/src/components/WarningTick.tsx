import { useId } from 'react';

/** Props of WarningTick: the warning, the tick's words, and its state. */
export interface WarningTickProps {
  readonly warning: string;
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly autoFocus?: boolean;
}

/**
 * A warning and the explicit tick a destructive step waits for (plain export, vault reset, key
 * reset): the box is described by the warning, so a screen reader reads both together.
 */
export function WarningTick({ warning, label, checked, onChange, autoFocus }: WarningTickProps) {
  const id = useId();
  return (
    <>
      <p className="warning" id={id}>
        {warning}
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={id}
          autoFocus={autoFocus}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
    </>
  );
}
