import { Badge, type BadgeProps } from "@/components/ui/badge";
import { courseStatusLabels, itemPublishStateLabels, type CourseStatus, type ItemPublishState } from "@/lib/schemas/course-authoring";

const courseVariant: Record<CourseStatus, NonNullable<BadgeProps["variant"]>> = {
  draft: "outline",
  published: "success",
  archived: "secondary",
};

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  return (
    <Badge variant={courseVariant[status]} data-testid="course-status">
      {courseStatusLabels[status]}
    </Badge>
  );
}

const itemVariant: Record<ItemPublishState, NonNullable<BadgeProps["variant"]>> = {
  draft: "outline",
  changed: "secondary",
  scheduled: "secondary",
  published: "success",
};

export function ItemStateBadge({ state }: { state: ItemPublishState }) {
  return (
    <Badge variant={itemVariant[state]} data-testid="item-state">
      {itemPublishStateLabels[state]}
    </Badge>
  );
}
