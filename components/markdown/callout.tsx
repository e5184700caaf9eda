import * as React from "react";
import { InfoIcon, LightbulbIcon, MessageSquareWarningIcon, OctagonAlertIcon, TriangleAlertIcon, type LucideIcon } from "lucide-react";

import { calloutTitles, type CalloutKind } from "@/lib/courses/markdown";
import { cn } from "@/lib/utils";

const calloutStyles: Record<CalloutKind, { icon: LucideIcon; box: string; title: string }> = {
  note: {
    icon: InfoIcon,
    box: "border-blue-500 bg-blue-500/5",
    title: "text-blue-700 dark:text-blue-300",
  },
  tip: {
    icon: LightbulbIcon,
    box: "border-emerald-500 bg-emerald-500/5",
    title: "text-emerald-700 dark:text-emerald-300",
  },
  important: {
    icon: MessageSquareWarningIcon,
    box: "border-violet-500 bg-violet-500/5",
    title: "text-violet-700 dark:text-violet-300",
  },
  warning: {
    icon: TriangleAlertIcon,
    box: "border-amber-500 bg-amber-500/5",
    title: "text-amber-800 dark:text-amber-300",
  },
  caution: {
    icon: OctagonAlertIcon,
    box: "border-red-500 bg-red-500/5",
    title: "text-red-700 dark:text-red-300",
  },
};

type CalloutProps = React.ComponentProps<"div"> & {
  kind: CalloutKind;
  /** Defaults to the kind's name ("Note", "Tip", ...). */
  title?: string;
};

/** A GitHub-style callout box ("> [!NOTE]" in lesson Markdown). */
function Callout({ kind, title, className, children, ...props }: CalloutProps) {
  const style = calloutStyles[kind];
  const Icon = style.icon;
  return (
    <div
      data-slot="callout"
      data-callout={kind}
      role="note"
      className={cn("my-6 rounded-r-lg border-l-4 px-4 py-3", style.box, className)}
      {...props}
    >
      <p className={cn("mb-1 flex items-center gap-2 font-semibold", style.title)}>
        <Icon aria-hidden="true" className="size-4 shrink-0" />
        {title ?? calloutTitles[kind]}
      </p>
      <div className="[&>:first-child]:mt-0 [&>:last-child]:mb-0">{children}</div>
    </div>
  );
}

export { Callout, type CalloutProps };
