import { ChevronLeftIcon, ChevronRightIcon, LockIcon } from "lucide-react";
import Link from "next/link";
import type { NavTarget } from "@/server/services/courses/learning";
import { formatUnlock } from "./format";
import { learnItemHref } from "./paths";

/** Previous / next item at the foot of an item page; a locked next item says when it opens. */
export function ItemPager({ previous, next, orgId, cohortId, preview, timeZone, now }: {
  previous: NavTarget | null;
  next: NavTarget | null;
  orgId: string;
  cohortId: string;
  preview: boolean;
  timeZone: string;
  now: Date;
}) {
  if (!previous && !next) return null;
  const card = "flex min-w-0 flex-1 items-center gap-3 rounded-lg border bg-card p-3 text-sm";
  const link = `${card} transition-colors hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring`;
  return (
    <nav aria-label="Previous and next" className="flex flex-col gap-3 border-t pt-6 sm:flex-row">
      {previous ? (
        <Link href={learnItemHref(orgId, cohortId, previous.id, preview)} className={link} rel="prev">
          <ChevronLeftIcon aria-hidden="true" className="size-4 shrink-0" />
          <span className="min-w-0">
            <span className="block text-xs text-muted-foreground">Previous</span>
            <span className="block font-medium break-words">{previous.title}</span>
          </span>
        </Link>
      ) : (
        <span className="hidden flex-1 sm:block" />
      )}
      {next ? (
        next.locked && !preview ? (
          <div className={`${card} justify-end text-right text-muted-foreground`}>
            <span className="min-w-0">
              <span className="block text-xs">Next{next.unlocksAt ? `, opens ${formatUnlock(next.unlocksAt, timeZone, now)}` : ""}</span>
              <span className="block font-medium break-words">{next.title}</span>
            </span>
            <LockIcon aria-hidden="true" className="size-4 shrink-0" />
          </div>
        ) : (
          <Link href={learnItemHref(orgId, cohortId, next.id, preview)} className={`${link} justify-end text-right`} rel="next">
            <span className="min-w-0">
              <span className="block text-xs text-muted-foreground">Next</span>
              <span className="block font-medium break-words">{next.title}</span>
            </span>
            <ChevronRightIcon aria-hidden="true" className="size-4 shrink-0" />
          </Link>
        )
      ) : null}
    </nav>
  );
}
