import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import type { OutlineItem, OutlineModule } from "@/server/services/courses/learning";
import { formatUnlock } from "./format";
import { KindIcon, kindLabels, OpenIcon, ScoreBadge, StatusIcon, statusText } from "./item-status";
import { learnItemHref } from "./paths";

/** The course's modules and items on the course home: kind, status, lock date and score of each. */

interface OutlineProps {
  modules: OutlineModule[];
  orgId: string;
  cohortId: string;
  preview: boolean;
  timeZone: string;
  now: Date;
}

function ItemRow({ item, orgId, cohortId, preview, timeZone, now }: { item: OutlineItem } & Omit<OutlineProps, "modules">) {
  const openable = !item.locked || preview;
  const lockText = item.locked && item.unlocksAt ? `Opens ${formatUnlock(item.unlocksAt, timeZone, now)}` : null;
  const content = (
    <>
      <StatusIcon item={item} />
      <div className="min-w-0 flex-1">
        <p className={cn("font-medium break-words", item.locked && "text-muted-foreground")}>{item.title}</p>
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
          <span className="inline-flex items-center gap-1">
            <KindIcon kind={item.kind} className="size-3.5" />
            {kindLabels[item.kind]}
            {item.quizMode === "exam" ? " · exam" : ""}
          </span>
          {lockText ? <span className="font-medium text-foreground/80">{lockText}</span> : null}
          {!item.locked && item.attemptInProgress ? <span className="text-primary">Attempt in progress</span> : null}
          {!item.locked && item.status === "submitted" ? <span>Results will be released by your teacher</span> : null}
        </p>
      </div>
      <span className="sr-only">, {statusText(item)}</span>
      <ScoreBadge item={item} />
      {item.status === "completed" && item.scorePercent === null && !item.locked ? (
        <Badge variant="outline" className="hidden sm:inline-flex">
          {statusText(item)}
        </Badge>
      ) : null}
      {openable ? <OpenIcon className="text-muted-foreground" /> : null}
    </>
  );
  return (
    <li data-testid="outline-item" data-status={item.locked ? "locked" : item.status}>
      {openable ? (
        <Link
          href={learnItemHref(orgId, cohortId, item.id, preview)}
          className="outline-row outline-row-link"
        >
          {content}
        </Link>
      ) : (
        <div className="outline-row cursor-not-allowed" aria-disabled="true">
          {content}
        </div>
      )}
    </li>
  );
}

export function CourseOutline({ modules, ...rest }: OutlineProps) {
  return (
    <div className="space-y-6">
      {modules.map((module, index) => {
        const done = module.items.filter((i) => i.status === "completed" || i.status === "submitted").length;
        return (
          <section key={module.id} aria-labelledby={`module-${module.id}`} className="space-y-2">
            <div className="flex items-baseline justify-between gap-3">
              <h2 id={`module-${module.id}`} className="text-base font-semibold break-words sm:text-lg">
                <span className="mr-2 text-muted-foreground tabular-nums">{index + 1}.</span>
                {module.title}
              </h2>
              <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                {done}/{module.items.length} done
              </span>
            </div>
            <ol className="divide-y overflow-hidden rounded-xl border bg-card">
              {module.items.map((item) => (
                <ItemRow key={item.id} item={item} {...rest} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
