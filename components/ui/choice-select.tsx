import type * as React from "react";
import { NativeSelect } from "@/components/ui/select-native";

type ChoiceSelectProps<T extends string> = Omit<React.ComponentProps<typeof NativeSelect>, "value" | "onChange" | "children"> & {
  value: T;
  /** The options, in order; only these reach `onValueChange`, typed. */
  choices: readonly T[];
  labelOf: (choice: T) => React.ReactNode;
  onValueChange: (value: T) => void;
};

/** A NativeSelect of a fixed list of string choices (roles, kinds, units). */
export function ChoiceSelect<T extends string>({ value, choices, labelOf, onValueChange, ...props }: ChoiceSelectProps<T>) {
  return (
    <NativeSelect
      {...props}
      value={value}
      onChange={(e) => {
        const chosen = choices.find((c) => c === e.target.value);
        if (chosen !== undefined) onValueChange(chosen);
      }}
    >
      {choices.map((c) => (
        <option key={c} value={c}>
          {labelOf(c)}
        </option>
      ))}
    </NativeSelect>
  );
}
