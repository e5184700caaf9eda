import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import type { ButtonProps } from "@/components/ui/button";

/**
 * The button that opens a row action's dialog: an icon and a short word, with
 * `label` (which unit, person or invite) as its accessible name. `destructive`
 * shows it in the destructive colour.
 */
export function actionTrigger({
  label,
  icon: Icon,
  text,
  destructive = false,
}: {
  label: string;
  icon: LucideIcon;
  /** A word, or spans that differ by screen width. */
  text: ReactNode;
  destructive?: boolean;
}): ButtonProps {
  return {
    "aria-label": label,
    ...(destructive ? { className: "text-destructive hover:text-destructive" } : {}),
    children: (
      <>
        <Icon aria-hidden="true" />
        {typeof text === "string" ? <span>{text}</span> : text}
      </>
    ),
  };
}
