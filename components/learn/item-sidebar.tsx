import { ListIcon } from "lucide-react";
import Link from "next/link";
import { cn } from "@/lib/utils";
import type { CourseProgress, OutlineModule } from "@/server/services/courses/learning";
import { formatUnlock } from "./format";
import { StatusIcon, statusText } from "./item-status";
import { learnItemHref } from "./paths";
import { ProgressBar } from "./progress-bar";

/**
 * The course outline beside an item: a sidebar on wide screens, a
 * disclosure above the item on phones (a native <details>, so it needs no
 * script and works with the keyboard).
 */

interface SidebarProps {
  modules: OutlineModule[];
  currentId: string;
  progress: CourseProgress;
  orgId: string;
  cohortId: string;
  preview: boolean;
  timeZone: string;
  now: Date;
}

function OutlineList({ modules, currentId, orgId, cohortId, preview, timeZone, now }: Omit<SidebarProps, "progress">) {
  return (
    <div className="space-y-4">
      {modules.map((module) => (
        <div key={module.id} className="space-y-1">
          <p className="px-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">{module.title}</p>
          <ol className="space-y-0.5">
            {module.items.map((item) => {
              const current = item.id === currentId;
              const openable = !item.locked || preview;
              const inner = (
                <>
                  <StatusIcon item={item} className="size-4" />
                  <span className="min-w-0 flex-1">
                    <span className="block break-words">{item.title}</span>
                    {item.locked && item.unlocksAt ? (
                      <span className="block text-xs text-muted-foreground">Opens {formatUnlock(item.unlocksAt, timeZone, now)}</span>
                    ) : null}
                  </span>
                  <span className="sr-only">, {statusText(item)}</span>
                </>
              );
              const classes = cn("flex items-start gap-2 rounded-md px-2 py-1.5 text-sm", current && "bg-accent font-medium text-accent-foreground");
              return (
                <li key={item.id}>
                  {openable ? (
                    <Link
                      href={learnItemHref(orgId, cohortId, item.id, preview)}
                      aria-current={current ? "page" : undefined}
                      className={cn(classes, "hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring", item.locked && "text-muted-foreground")}
                    >
                      {inner}
                    </Link>
                  ) : (
                    <div className={cn(classes, "text-muted-foreground")}>{inner}</div>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </div>
  );
}

function ProgressSummary({ progress }: { progress: CourseProgress }) {
  return (
    <div className="space-y-1.5 px-2">
      <p className="flex justify-between text-xs text-muted-foreground">
        <span>
          {progress.completed} of {progress.total} done
        </span>
        <span className="tabular-nums">{progress.percent}%</span>
      </p>
      <ProgressBar value={progress.percent} label="Course progress" className="h-1.5" />
    </div>
  );
}

export function ItemSidebar(props: SidebarProps) {
  return (
    <>
      <details className="group rounded-lg border bg-card lg:hidden">
        <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2.5 text-sm font-medium [&::-webkit-details-marker]:hidden">
          <ListIcon aria-hidden="true" className="size-4" />
          Course outline
          <span className="ml-auto text-xs font-normal text-muted-foreground">
            {props.progress.completed}/{props.progress.total} done
          </span>
        </summary>
        <nav aria-label="Course outline" className="space-y-4 border-t p-2 pt-3">
          <ProgressSummary progress={props.progress} />
          <OutlineList {...props} />
        </nav>
      </details>
      <nav aria-label="Course outline" className="sticky top-4 hidden max-h-[calc(100dvh-2rem)] space-y-4 overflow-y-auto pr-1 lg:block">
        <ProgressSummary progress={props.progress} />
        <OutlineList {...props} />
      </nav>
    </>
  );
}
