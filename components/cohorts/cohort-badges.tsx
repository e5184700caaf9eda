import { Badge, type BadgeProps } from "@/components/ui/badge";
import { cohortRoleLabels, type CohortRole } from "@/lib/schemas/cohort-roles";
import type { CohortStatus } from "@/server/services/courses/cohorts";

const statusBadge: Record<CohortStatus, { label: string; variant: NonNullable<BadgeProps["variant"]> }> = {
  upcoming: { label: "Upcoming", variant: "secondary" },
  running: { label: "Running", variant: "success" },
  archived: { label: "Archived", variant: "outline" },
};

const roleBadge: Record<CohortRole, NonNullable<BadgeProps["variant"]>> = {
  teacher: "default",
  facilitator: "secondary",
  learner: "outline",
};

export function CohortStatusBadge({ status }: { status: CohortStatus }) {
  return <Badge variant={statusBadge[status].variant}>{statusBadge[status].label}</Badge>;
}

export function CohortRoleBadge({ role }: { role: CohortRole }) {
  return <Badge variant={roleBadge[role]}>{cohortRoleLabels[role]}</Badge>;
}
