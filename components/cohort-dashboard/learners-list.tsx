"use client";

import { AlertTriangleIcon } from "lucide-react";
import { RelativeDateText } from "@/components/admin/date-text";
import { ProgressBar } from "@/components/learn/progress-bar";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
            <AlertTriangleIcon aria-hidden="true" />
            {reason}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** Learners as a table on wide screens and as cards on a phone; both show the same facts. */
export function LearnersList({ learners, dimmed }: { learners: DashboardLearner[]; dimmed: boolean }) {
  return (
    <div className={dimmed ? "opacity-60 transition-opacity" : undefined}>
      <Table containerClassName="hidden rounded-lg border md:block" data-testid="learners-table">
        <TableHeader>
          <TableRow>
            <TableHead className="pl-3">Learner</TableHead>
            <TableHead>Progress</TableHead>
            <TableHead>Average score</TableHead>
            <TableHead>Last active</TableHead>
            <TableHead className="pr-3">Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {learners.map((l) => (
            <TableRow key={l.memberId} data-testid="learner-row">
              <TableHead scope="row" className="h-auto py-2 pl-3 align-top font-normal whitespace-normal">
                <span className="block font-medium">{l.name}</span>
                <span className="block text-xs break-all text-muted-foreground">{l.email}</span>
              </TableHead>
              <TableCell className="align-top">
                <Progress learner={l} />
              </TableCell>
              <TableCell className="align-top tabular-nums">{percentText(l.averageScore)}</TableCell>
              <TableCell className="align-top">
                <LastActive learner={l} />
              </TableCell>
              <TableCell className="pr-3 align-top whitespace-normal">
                <RiskBadges learner={l} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <ul className="space-y-3 md:hidden" aria-label="Learners">
        {learners.map((l) => (
          <li key={l.memberId} className="space-y-3 rounded-lg border bg-card p-4" data-testid="learner-card">
            <div className="min-w-0">
              <p className="font-medium break-words">{l.name}</p>
              <p className="text-xs break-all text-muted-foreground">{l.email}</p>
            </div>
            <Progress learner={l} />
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-xs text-muted-foreground">Average score</dt>
                <dd className="tabular-nums">{percentText(l.averageScore)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">Last active</dt>
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
