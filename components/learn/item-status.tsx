import {
  BookOpenTextIcon,
  ChevronRightIcon,
  CircleCheckIcon,
  CircleDashedIcon,
  CircleIcon,
  ClipboardPenLineIcon,
  ListChecksIcon,
  LockIcon,
  SendIcon,
} from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { IconSprite, SpriteIcon } from "@/components/ui/icon-sprite";
import { cn } from "@/lib/utils";
import type { LearnableKind, OutlineItem } from "@/server/services/courses/learning";

/**
 * Icons and words for an item's kind and where the learner stands on it. The
 * icons come from one sprite: pages that show items render <ItemIconSprite />
 * once (the cohort layout and My learning do).
 */

const itemIcons = {
  lesson: BookOpenTextIcon,
  quiz: ListChecksIcon,
  assignment: ClipboardPenLineIcon,
  locked: LockIcon,
  completed: CircleCheckIcon,
  submitted: SendIcon,
  started: CircleDashedIcon,
  not_started: CircleIcon,
  open: ChevronRightIcon,
} as const;
const spritePrefix = "item-icon";
const iconHref = (name: keyof typeof itemIcons) => `${spritePrefix}-${name}`;

export function ItemIconSprite() {
  return <IconSprite prefix={spritePrefix} icons={itemIcons} />;
}

/** The chevron at the end of a row that opens an item. */
export function OpenIcon({ className }: { className?: string }) {
  return <SpriteIcon href={iconHref("open")} className={className} />;
}

export const kindLabels: Record<LearnableKind, string> = { lesson: "Lesson", quiz: "Quiz", assignment: "Assignment" };

export function KindIcon({ kind, className }: { kind: LearnableKind; className?: string }) {
  return <SpriteIcon href={iconHref(kind)} className={className} />;
}

type StatusItem = Pick<OutlineItem, "kind" | "status" | "locked" | "quizMode">;

/** "Done", "Handed in", "In progress"... as a screen reader and a tooltip say it. */
export function statusText(item: StatusItem): string {
  if (item.locked) return "Locked";
  switch (item.status) {
    case "completed":
      return item.kind === "assignment" ? "Handed in" : item.kind === "quiz" ? "Passed" : "Done";
    case "submitted":
      return "Handed in, results pending";
    case "started":
      return "Started";
    case "not_started":
      return "Not started";
  }
}

const statusColours = {
  completed: "text-success",
  submitted: "text-primary",
  started: "text-primary",
  not_started: "text-muted-foreground/60",
} as const;

export function StatusIcon({ item, className }: { item: StatusItem; className?: string }) {
  const base = cn("size-5", className);
  if (item.locked) return <SpriteIcon href={iconHref("locked")} className={cn(base, "text-muted-foreground")} />;
  return <SpriteIcon href={iconHref(item.status)} className={cn(base, statusColours[item.status])} />;
}

/** The best score, coloured by pass or fail; nothing when there is none (or it is hidden). */
export function ScoreBadge({ item }: { item: Pick<OutlineItem, "scorePercent" | "passed" | "resultsHidden"> }) {
  if (item.resultsHidden || item.scorePercent === null) return null;
  const variant = item.passed === true ? "success" : item.passed === false ? "destructive" : "secondary";
  return (
    <Badge variant={variant} className="tabular-nums">
      {item.scorePercent}%<span className="sr-only">{item.passed === true ? ", passed" : item.passed === false ? ", not passed yet" : ""}</span>
    </Badge>
  );
}
