"use client";

import { FormField, type FormFieldProps } from "@/components/ui/form-field";
import { numberInput, optionalNumber, requiredNumber } from "./item-form-values";

type NumberFieldProps = Omit<FormFieldProps, "type" | "value" | "onChange" | "children">;

/**
 * A number input bound to a number in the item's content. What cannot be
 * read as a number becomes NaN, so the schema, not the input, says what to fix.
 */
export function NumberField({ value, onValueChange, ...props }: NumberFieldProps & { value: number; onValueChange: (value: number) => void }) {
  return <FormField {...props} type="number" value={numberInput(value)} onChange={(e) => onValueChange(requiredNumber(e.target.value))} />;
}

/** A number input that may be left empty (null): "unlimited", "none". */
export function OptionalNumberField({ value, onValueChange, ...props }: NumberFieldProps & { value: number | null; onValueChange: (value: number | null) => void }) {
  return <FormField {...props} type="number" value={numberInput(value)} onChange={(e) => onValueChange(optionalNumber(e.target.value))} />;
}
