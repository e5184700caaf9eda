"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { BookOpenIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { FilterSelect, SearchField, isSearching, useDebounced } from "@/components/admin/list-filters";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { courseListFilters, type CourseListFilter } from "@/lib/schemas/course-authoring";
import type { CourseSummaryDTO } from "@/server/services/courses/authoring";
import { CourseCover } from "./course-cover";
import { courseEditorPath, courseListInput } from "./list-input";
import { NewCourseDialog } from "./new-course-dialog";
import { CourseStatusBadge } from "./status-badges";

const filterLabels: Record<CourseListFilter, string> = {
  active: "Drafts and published",
  draft: "Drafts",
  published: "Published",
  archived: "Archived",
};

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function CourseCard({ course }: { course: CourseSummaryDTO }) {
  return (
    <li className="overflow-hidden rounded-lg border bg-card shadow-xs transition-shadow focus-within:ring-2 focus-within:ring-ring hover:shadow-md">
      <Link href={courseEditorPath(course.orgId, course.id)} className="block outline-none" data-testid="course-card">
        <CourseCover courseId={course.id} title={course.title} coverUrl={course.coverUrl} />
        <div className="space-y-2 p-4">
          <div className="flex items-start justify-between gap-2">
            <h3 className="min-w-0 font-semibold break-words">{course.title}</h3>
            <CourseStatusBadge status={course.status} />
          </div>
          {course.description ? <p className="line-clamp-2 text-sm text-muted-foreground">{course.description}</p> : null}
          <p className="text-xs text-muted-foreground">
            {course.unitName} · {count(course.moduleCount, "module", "modules")} · {count(course.itemCount, "item", "items")} · {count(course.cohortCount, "cohort", "cohorts")}
          </p>
        </div>
      </Link>
    </li>
  );
}

/** The courses the viewer authors: filter by status, search by title, open one, or create one. */
export function CourseList({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<CourseListFilter>("active");
  const query = useDebounced(search.trim(), 300);
  const list = useInfiniteQuery(trpc.courses.list.infiniteQueryOptions(courseListInput(orgId, { status, query }), pagedListOptions));
  const units = useQuery(trpc.courses.authoringUnits.queryOptions({ orgId }));
  const courses = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = query !== "" || status !== "active";
  const searching = isSearching(search, query, list);
  const newCourse = <NewCourseDialog orgId={orgId} units={units.data ?? []} />;

  function clearFilters() {
    setSearch("");
    setStatus("active");
  }

  return (
    <section aria-labelledby="courses-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="courses-heading" className="text-lg font-semibold">
          Your courses
        </h2>
        {newCourse}
      </div>
      <form role="search" className="flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={(e) => e.preventDefault()}>
        <SearchField value={search} onChange={setSearch} placeholder="Course title" />
        <FilterSelect label="Show" value={status} onValueChange={setStatus} choices={courseListFilters} labelOf={(s) => filterLabels[s]} className="sm:w-56" />
        {filtered ? (
          <Button type="button" variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </form>
      <p className="sr-only" aria-live="polite">
        {list.isPending || searching ? "Loading courses…" : `${count(courses.length, "course", "courses")} shown${list.hasNextPage ? "; load more below" : ""}.`}
      </p>

      {list.isError && courses.length === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <div aria-busy="true" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Skeleton className="h-64" />
          <Skeleton className="h-64" />
          <Skeleton className="h-64" />
        </div>
      ) : courses.length === 0 ? (
        filtered ? (
          <EmptyState
            titleAs="h3"
            icon={<SearchIcon />}
            title="No courses match"
            description={`No ${filterLabels[status].toLowerCase()} course${query ? ` has “${query}” in its title` : " yet"}. Check the spelling or clear the filters.`}
            action={
              <Button variant="outline" onClick={clearFilters}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            titleAs="h3"
            icon={<BookOpenIcon />}
            title="No courses yet"
            description="A course holds modules of lessons, quizzes and assignments. Create one, or create one and import a zip of Markdown lessons into it. When it is ready, publish it and open a cohort so learners can join."
            action={newCourse}
            data-testid="courses-empty"
          />
        )
      ) : (
        <ul className={searching ? "grid gap-4 opacity-60 transition-opacity sm:grid-cols-2 lg:grid-cols-3" : "grid gap-4 sm:grid-cols-2 lg:grid-cols-3"} aria-label="Courses">
          {courses.map((c) => (
            <CourseCard key={c.id} course={c} />
          ))}
        </ul>
      )}
      <PagedListFooter list={list} shown={courses.length} />
    </section>
  );
}
