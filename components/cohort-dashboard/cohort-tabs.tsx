"use client";

import { CalendarRangeIcon, ClipboardCheckIcon, EyeIcon, LayoutDashboardIcon, SettingsIcon, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

interface Tab {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Active on this exact path only (the dashboard is the prefix of every other tab). */
  exact?: boolean;
}

/**
 * The staff frame of a cohort's pages: which cohort this is and its tabs.
 * Hidden under /learn, where the learner pages (and "view as learner") keep
 * their own frame.
 */
export function CohortTabs({
  base,
  cohortName,
  courseTitle,
  courseHref,
}: {
  /** /orgs/<org>/cohorts/<cohort> */
  base: string;
  cohortName: string;
  courseTitle: string;
  /** The course editor, for those who may edit the course. */
  courseHref: string | null;
}) {
  const pathname = usePathname();
  if (pathname === `${base}/learn` || pathname.startsWith(`${base}/learn/`)) return null;
  const tabs: Tab[] = [
    { href: base, label: "Dashboard", icon: LayoutDashboardIcon, exact: true },
    { href: `${base}/review`, label: "Review", icon: ClipboardCheckIcon },
    { href: `${base}/scheduling`, label: "Scheduling", icon: CalendarRangeIcon },
    { href: `${base}/settings`, label: "Settings", icon: SettingsIcon },
  ];
  const active = (tab: Tab) => pathname === tab.href || (!tab.exact && pathname.startsWith(`${tab.href}/`));
  return (
    <div className="mb-6 border-b" data-testid="cohort-tabs">
      <p className="truncate text-sm text-muted-foreground">
        {courseHref ? (
          <Link href={courseHref} className="underline-offset-4 hover:text-foreground hover:underline">
            {courseTitle}
          </Link>
        ) : (
          courseTitle
        )}
        <span aria-hidden="true"> / </span>
        <span className="font-medium text-foreground">{cohortName}</span>
      </p>
      <nav aria-label="Cohort">
        <ul className="-mb-px flex gap-1 overflow-x-auto">
          {tabs.map((tab) => (
            <li key={tab.href} className="shrink-0">
              <Link
                href={tab.href}
                aria-current={active(tab) ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-11 items-center gap-1.5 border-b-2 border-transparent px-3 text-sm text-muted-foreground hover:text-foreground",
                  "focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring",
                  active(tab) && "border-primary font-medium text-foreground",
                )}
              >
                <tab.icon aria-hidden="true" className="size-4" />
                {tab.label}
              </Link>
            </li>
          ))}
          <li className="shrink-0">
            <Link
              href={`${base}/learn?preview=1`}
              className="inline-flex min-h-11 items-center gap-1.5 border-b-2 border-transparent px-3 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring"
            >
              <EyeIcon aria-hidden="true" className="size-4" />
              View as learner
            </Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}
