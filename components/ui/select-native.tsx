import * as React from "react";
import { ChevronDownIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { controlClasses } from "@/components/ui/input";

type NativeSelectProps = React.ComponentProps<"select"> & {
  /** Class name for the wrapping element (the `className` prop styles the `<select>`). */
  wrapperClassName?: string;
};

/** A styled native `<select>`: fully keyboard/screen-reader accessible and works without JS. */
function NativeSelect({ className, wrapperClassName, multiple, ...props }: NativeSelectProps) {
  return (
    <div
      data-slot="native-select-wrapper"
      className={cn("relative w-full", wrapperClassName)}
    >
      <select
        data-slot="native-select"
        multiple={multiple}
        className={cn(
          controlClasses,
          "appearance-none px-3 py-1",
          multiple ? "min-h-20 py-2" : "h-9 pr-9",
          "[&_option]:bg-popover [&_option]:text-popover-foreground",
          className,
        )}
        {...props}
      />
      {multiple ? null : (
        <ChevronDownIcon
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
      )}
    </div>
  );
}

export { NativeSelect, type NativeSelectProps };
