"use client";

import { AlertTriangleIcon } from "lucide-react";
import { RelativeDateText } from "@/components/admin/date-text";
import { ProgressBar } from "@/components/learn/progress-bar";
import { Badge } from "@/components/ui/badge";
import { IconSprite, SpriteIcon } from "@/components/ui/icon-sprite";
import type { DashboardLearner } from "@/server/services/courses/dashboard";
import { percentText } from "./format";

function Progress({ learner }: { learner: DashboardLearner }) {
  const percent = Math.round(learner.progress * 100);
  return (
    <div className="min-w-32 space-y-1">
      <ProgressBar value={percent} label={`Progress of ${learner.name}`} />
      <p className="text-xs text-muted-foreground tabular-nums">
        {learner.completed} of {learner.available} open {learner.available === 1 ? "item" : "items"} · {percent}%
      </p>
    </div>
  );
}

function LastActive({ learner }: { learner: DashboardLearner }) {
  return learner.lastActiveAt ? <RelativeDateText value={learner.lastActiveAt} /> : <span className="text-muted-foreground">Not yet</span>;
}

function RiskBadges({ learner }: { learner: DashboardLearner }) {
  if (!learner.atRisk) return <span className="text-xs text-muted-foreground">On track</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`Why ${learner.name} is at risk`}>
      {learner.reasons.map((reason) => (
        <li key={reason}>
          <Badge variant="destructive">
            <SpriteIcon href={alertIcon} className="size-3" />
            {reason}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** The column grid of the header; .learner-row in app/globals.css repeats it for the rows (one short class per row). */
const columns = "md:grid md:grid-cols-[minmax(0,1.4fr)_minmax(8rem,1fr)_7rem_8rem_minmax(0,1fr)] md:items-start md:gap-4";

// Drawn once per list: most learners of a struggling cohort carry one or two "at risk" badges.
const alertIcon = "learners-alert";

/**
 * Learners as one list: cards on a phone, table-like rows from md up (the
 * column labels are visible once, above the rows, and read out per row).
 * One markup for both keeps a page of 50 learners half the size.
 */
export function LearnersList({ learners, dimmed }: { learners: DashboardLearner[]; dimmed: boolean }) {
  return (
    <div className={dimmed ? "opacity-60 transition-opacity" : undefined}>
      <IconSprite prefix="learners" icons={{ alert: AlertTriangleIcon }} />
      <div aria-hidden="true" className={`hidden px-3 pb-2 text-xs font-medium text-muted-foreground ${columns}`}>
        <span>Learner</span>
        <span>Progress</span>
        <span>Average score</span>
        <span>Last active</span>
        <span>Status</span>
      </div>
      <ul className="space-y-3 md:space-y-0 md:divide-y md:rounded-lg md:border" aria-label="Learners" data-testid="learners-table">
        {learners.map((l) => (
          <li key={l.memberId} className="learner-row" data-testid="learner-row">
            <div className="min-w-0">
              <p className="font-medium break-words">{l.name}</p>
              <p className="text-xs break-all text-muted-foreground">{l.email}</p>
            </div>
            <Progress learner={l} />
            <dl className="contents text-sm">
              <div className="inline-block w-1/2 align-top md:block md:w-auto">
                <dt className="text-xs text-muted-foreground md:sr-only">Average score</dt>
                <dd className="tabular-nums">{percentText(l.averageScore)}</dd>
              </div>
              <div className="inline-block w-1/2 align-top md:block md:w-auto">
                <dt className="text-xs text-muted-foreground md:sr-only">Last active</dt>
                <dd>
                  <LastActive learner={l} />
                </dd>
              </div>
            </dl>
            <RiskBadges learner={l} />
          </li>
        ))}
      </ul>
    </div>
  );
}
