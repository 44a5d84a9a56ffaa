import { clsx } from "clsx";
import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from "react";

/** The dashboard's text input / select look (44 px target). */
export const controlClass = "min-h-11 w-full rounded-lg border border-ink/30 px-3";

type Aria = {
  id: string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
};

type FieldProps = {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** The wrapper's classes (grid spans, widths); it always stacks with `space-y-1`. */
  className?: string;
  labelClassName?: string;
};

/**
 * A labelled control with its hint and the API's error for it, wired for screen readers:
 * the hint and error are `${id}-hint` / `${id}-error`, named by `aria-describedby`, and an
 * error sets `aria-invalid`. The control itself comes from `children`, which gets those props.
 */
export function Field({
  id,
  label,
  error,
  hint,
  className,
  labelClassName = "block font-medium",
  children,
}: FieldProps & { children: (aria: Aria) => ReactNode }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={clsx("space-y-1", className)}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
    inputClassName?: string;
    ref?: Ref<HTMLInputElement>;
  };

/** A labelled `<input>` (see Field); every other prop goes to the input. */
export function TextField({
  id,
  label,
  error,
  hint,
  className,
  labelClassName,
  inputClassName = controlClass,
  ...input
}: TextFieldProps) {
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hint={hint}
      className={className}
      labelClassName={labelClassName}
    >
      {(aria) => <input {...aria} {...input} className={inputClassName} />}
    </Field>
  );
}

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & {
    selectClassName?: string;
    children: ReactNode;
  };

/** A labelled `<select>` (see Field); `children` are its options, other props go to it. */
export function SelectField({
  id,
  label,
  error,
  hint,
  className,
  labelClassName,
  selectClassName = controlClass,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hint={hint}
      className={className}
      labelClassName={labelClassName}
    >
      {(aria) => (
        <select {...aria} {...select} className={selectClassName}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A filter's smaller label, above a list. */
export const smallLabelClass = "block text-sm font-medium";
/** A control sized by its content (filters), not the form's width. */
export const inlineControlClass = "min-h-11 rounded-lg border border-ink/30 px-3";
