import { BookOpenTextIcon, CircleCheckIcon, CircleDashedIcon, CircleIcon, ClipboardPenLineIcon, ListChecksIcon, LockIcon, SendIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { LearnableKind, OutlineItem } from "@/server/services/courses/learning";

/** Icons and words for an item's kind and where the learner stands on it. */

const kindIcons = { lesson: BookOpenTextIcon, quiz: ListChecksIcon, assignment: ClipboardPenLineIcon } as const;

export const kindLabels: Record<LearnableKind, string> = { lesson: "Lesson", quiz: "Quiz", assignment: "Assignment" };

export function KindIcon({ kind, className }: { kind: LearnableKind; className?: string }) {
  const Icon = kindIcons[kind];
  return <Icon aria-hidden="true" className={cn("size-4 shrink-0", className)} />;
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

export function StatusIcon({ item, className }: { item: StatusItem; className?: string }) {
  const base = cn("size-5 shrink-0", className);
  if (item.locked) return <LockIcon aria-hidden="true" className={cn(base, "text-muted-foreground")} />;
  switch (item.status) {
    case "completed":
      return <CircleCheckIcon aria-hidden="true" className={cn(base, "text-success")} />;
    case "submitted":
      return <SendIcon aria-hidden="true" className={cn(base, "text-primary")} />;
    case "started":
      return <CircleDashedIcon aria-hidden="true" className={cn(base, "text-primary")} />;
    case "not_started":
      return <CircleIcon aria-hidden="true" className={cn(base, "text-muted-foreground/60")} />;
  }
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
