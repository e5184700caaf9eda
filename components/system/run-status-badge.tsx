import {
  BanIcon,
  CheckIcon,
  ClockIcon,
  HourglassIcon,
  LoaderCircleIcon,
  MoonIcon,
  RotateCwIcon,
  XIcon,
  type LucideIcon,
} from "lucide-react";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { workflowRunStatusLabels, type WorkflowRunStatus } from "@/lib/schemas/workflows";
import type { WorkflowStepStatus } from "@/server/services/workflow-runs";

type Look = { label: string; variant: NonNullable<BadgeProps["variant"]>; icon: LucideIcon; spin?: boolean };

const runLooks: Record<WorkflowRunStatus, Look> = {
  queued: { label: workflowRunStatusLabels.queued, variant: "outline", icon: ClockIcon },
  running: { label: workflowRunStatusLabels.running, variant: "default", icon: LoaderCircleIcon, spin: true },
  sleeping: { label: workflowRunStatusLabels.sleeping, variant: "outline", icon: MoonIcon },
  waiting: { label: "Waiting", variant: "outline", icon: HourglassIcon },
  completed: { label: workflowRunStatusLabels.completed, variant: "success", icon: CheckIcon },
  failed: { label: workflowRunStatusLabels.failed, variant: "destructive", icon: XIcon },
  cancelled: { label: workflowRunStatusLabels.cancelled, variant: "secondary", icon: BanIcon },
};

const retrying: Look = { label: "Retrying", variant: "outline", icon: RotateCwIcon };

const stepLooks: Record<WorkflowStepStatus, Look> = {
  completed: runLooks.completed,
  failed: runLooks.failed,
  running: runLooks.running,
  retrying,
  sleeping: runLooks.sleeping,
  waiting: runLooks.waiting,
  invoking: { label: "Waiting for a run", variant: "outline", icon: HourglassIcon },
  stopped: { label: "Not finished", variant: "secondary", icon: BanIcon },
};

function LookBadge({ look, className }: { look: Look; className?: string }) {
  const Icon = look.icon;
  return (
    <Badge variant={look.variant} className={className}>
      <Icon aria-hidden className={look.spin ? "motion-safe:animate-spin" : undefined} />
      {look.label}
    </Badge>
  );
}

/** A run's status; a queued run that already failed an attempt reads "Retrying". */
export function RunStatusBadge({ status, retrying: isRetrying = false, className }: { status: WorkflowRunStatus; retrying?: boolean; className?: string }) {
  return <LookBadge look={isRetrying ? retrying : runLooks[status]} className={className} />;
}

export function StepStatusBadge({ status }: { status: WorkflowStepStatus }) {
  return <LookBadge look={stepLooks[status]} />;
}
