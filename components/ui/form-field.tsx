import * as React from "react";

import { cn } from "@/lib/utils";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Props FormField wires onto its control so label, hint and errors are announced. */
type FormFieldControlProps = {
  id: string;
  name: string;
  required?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

type FormFieldProps = Omit<
  React.ComponentProps<"input">,
  "children" | "name" | "className"
> & {
  label: React.ReactNode;
  name: string;
  /** One or more validation messages; any non-empty message marks the field invalid. */
  error?: string | readonly string[] | null;
  /** Hint text shown under the label and linked via aria-describedby. */
  description?: React.ReactNode;
  /**
   * Custom control instead of the default <Input>:
   * - a single element (e.g. `<Textarea />`, `<NativeSelect>…</NativeSelect>`) gets
   *   `id`, `name`, `required`, `aria-describedby` and `aria-invalid` injected
   *   (props already set on the element win, except aria-describedby which is merged);
   * - or a render function receiving those props.
   */
  children?:
    | React.ReactElement<Partial<FormFieldControlProps>>
    | ((control: FormFieldControlProps) => React.ReactNode);
  /** Class name for the wrapping element. */
  className?: string;
  /** Class name for the default <Input>. */
  inputClassName?: string;
};

function joinIds(...ids: (string | undefined | null | false)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined.length > 0 ? joined : undefined;
}

/**
 * Label + control + description + error messages, with `htmlFor`/`id`,
 * `aria-describedby` and `aria-invalid` wired up. Errors are plain text (no
 * role="alert"): forms show an announced summary (see <Alert>), and each
 * field's errors are read when the field is focused.
 */
function FormField({
  label,
  name,
  error,
  description,
  children,
  className,
  inputClassName,
  id: idProp,
  ...inputProps
}: FormFieldProps) {
  const generatedId = React.useId();
  const childElement = React.isValidElement(children) ? children : null;
  const id = childElement?.props.id ?? idProp ?? `${name}-${generatedId}`;

  const messages = (typeof error === "string" ? [error] : (error ?? [])).filter(
    (m) => m.trim().length > 0,
  );
  const invalid = messages.length > 0;
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const required = inputProps.required ?? childElement?.props.required;

  const control: FormFieldControlProps = {
    id,
    name,
    ...(required !== undefined ? { required } : {}),
    "aria-describedby": joinIds(
      descriptionId,
      errorId,
      inputProps["aria-describedby"],
    ),
    ...(invalid ? { "aria-invalid": true as const } : {}),
  };

  let field: React.ReactNode;
  if (typeof children === "function") {
    field = children(control);
  } else if (childElement) {
    const own = childElement.props;
    field = React.cloneElement(childElement, {
      ...control,
      ...(own.name !== undefined ? { name: own.name } : {}),
      ...(own.required !== undefined ? { required: own.required } : {}),
      ...(own["aria-invalid"] !== undefined
        ? { "aria-invalid": own["aria-invalid"] }
        : {}),
      "aria-describedby": joinIds(control["aria-describedby"], own["aria-describedby"]),
    });
  } else {
    field = (
      <Input
        {...inputProps}
        {...control}
        className={inputClassName}
      />
    );
  }

  return (
    <div
      data-slot="form-field"
      data-invalid={invalid ? "true" : undefined}
      className={cn("grid gap-2", className)}
    >
      <Label htmlFor={id}>
        {label}
        {required ? (
          <span aria-hidden="true" className="-ml-1 text-destructive">
            *
          </span>
        ) : null}
      </Label>
      {description ? (
        <p
          id={descriptionId}
          data-slot="form-field-description"
          className="text-sm text-muted-foreground"
        >
          {description}
        </p>
      ) : null}
      {field}
      {invalid ? (
        <div
          id={errorId}
          data-slot="form-field-error"
          className="grid gap-1 text-sm font-medium text-destructive"
        >
          {messages.map((message, i) => (
            <p key={i}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export { FormField, type FormFieldProps, type FormFieldControlProps };
