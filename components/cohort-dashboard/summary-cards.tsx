import { ActivityIcon, AlertTriangleIcon, ClipboardCheckIcon, GaugeIcon, UsersIcon, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import type { DashboardSummary } from "@/server/services/courses/dashboard";
import { percentText } from "./format";

function Figure({ icon: Icon, label, value, detail, tone, href }: { icon: LucideIcon; label: string; value: string; detail?: ReactNode; tone?: "warning"; href?: string }) {
  const body = (
    <>
      <dt className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
        <Icon aria-hidden="true" className={cn("size-4 shrink-0", tone === "warning" && "text-destructive")} />
        {label}
      </dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {detail ? <dd className="text-xs text-muted-foreground">{detail}</dd> : null}
    </>
  );
  const box = "rounded-xl border bg-card p-4 shadow-sm";
  return href ? (
    <div className={cn(box, "relative transition-colors focus-within:outline-2 focus-within:outline-ring hover:bg-accent/50")}>
      {body}
      <Link href={href} className="absolute inset-0 rounded-xl focus-visible:outline-none" aria-label={`${label}: ${value}. Open the review queue`} />
    </div>
  ) : (
    <div className={box}>{body}</div>
  );
}

/** The cohort at a glance: size, activity, completion, who is at risk and what waits for review. */
export function SummaryCards({ summary, atRiskAfterDays, reviewHref }: { summary: DashboardSummary; atRiskAfterDays: number; reviewHref: string }) {
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5" aria-label="Cohort summary" data-testid="dashboard-summary">
      <Figure icon={UsersIcon} label="Learners" value={String(summary.learners)} />
      <Figure icon={ActivityIcon} label="Active in the last 7 days" value={String(summary.activeLast7Days)} detail={summary.learners > 0 ? `of ${summary.learners}` : undefined} />
      <Figure
        icon={GaugeIcon}
        label="Average completion"
        value={percentText(summary.averageCompletion)}
        detail={summary.averageScore === null ? "No scores yet" : `Average score ${percentText(summary.averageScore)}`}
      />
      <Figure
        icon={AlertTriangleIcon}
        label="At risk"
        value={String(summary.atRisk)}
        detail={`Inactive ${atRiskAfterDays}+ days or failing`}
        tone={summary.atRisk > 0 ? "warning" : undefined}
      />
      <Figure icon={ClipboardCheckIcon} label="Waiting for review" value={String(summary.pendingReviews)} href={reviewHref} />
    </dl>
  );
}
