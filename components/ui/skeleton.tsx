import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * Loading placeholder. Purely visual: mark the loading region with
 * `aria-busy="true"` and/or include sr-only "Loading…" text for screen readers.
 */
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}

export { Skeleton };
