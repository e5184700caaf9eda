"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronLeftIcon } from "lucide-react";
import Link from "next/link";
import { LoadErrorAlert } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { CourseActions } from "./course-actions";
import { CourseDetailsForm } from "./course-details-form";
import { CourseOutline } from "./course-outline";
import { CourseStatusBadge } from "./status-badges";

/** The course editor: details and cover, publishing, and the outline of modules and items. */
export function CourseEditor({ courseId, timeZone }: { courseId: string; timeZone: string }) {
  const trpc = useTRPC();
  const outline = useQuery(trpc.courses.outline.queryOptions({ courseId }));
  if (outline.isError && !outline.data) return <LoadErrorAlert error={outline.error} onRetry={() => void outline.refetch()} />;
  if (!outline.data) {
    return (
      <div aria-busy="true" className="space-y-4">
        <span className="sr-only">Loading the course…</span>
        <Skeleton className="h-10 w-2/3" />
        <Skeleton className="h-48" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  const { course } = outline.data;
  const archived = course.status === "archived";
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <Link href={`/orgs/${course.orgId}/courses`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ChevronLeftIcon aria-hidden="true" className="size-4" />
          Courses
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">{course.title}</h1>
          <CourseStatusBadge status={course.status} />
        </div>
        <p className="text-sm text-muted-foreground">
          In {course.unitName}. {course.status === "draft" ? "Learners see nothing of it until you publish it." : null}
          {course.status === "published" ? "Learners in its cohorts see its published items." : null}
        </p>
        <CourseActions outline={outline.data} />
      </div>
      {archived ? (
        <Alert>
          <AlertDescription>This course is archived and read-only. Restore it to change it.</AlertDescription>
        </Alert>
      ) : null}
      <CourseDetailsForm key={course.id} course={course} readOnly={archived} />
      <CourseOutline outline={outline.data} timeZone={timeZone} readOnly={archived} />
    </div>
  );
}
