import { ArrowRightIcon, BookOpenIcon, GraduationCapIcon, PartyPopperIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CourseOutline } from "@/components/learn/course-outline";
import { KindIcon } from "@/components/learn/item-status";
import { learnItemHref } from "@/components/learn/paths";
import { PreviewBanner } from "@/components/learn/preview-banner";
import { ProgressBar } from "@/components/learn/progress-bar";
import { StreakBadge } from "@/components/learn/streak-badge";
import { MeetingTimesCard } from "@/components/scheduling/meeting-times-card";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { serverCaller } from "@/server/api/rsc";
import { learnerCall } from "./_lib/learner-call";

export const metadata: Metadata = { title: "Course" };

/** The learner's course home (and, with ?preview=1, a teacher's "view as learner"). */
export default async function CourseHomePage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string; cohortId: string }>;
  searchParams: Promise<{ preview?: string }>;
}) {
  const [{ orgId, cohortId }, { preview: previewParam }] = await Promise.all([params, searchParams]);
  const preview = previewParam === "1";
  const pathname = `/orgs/${orgId}/cohorts/${cohortId}/learn`;
  const caller = await serverCaller();
  const [result, meetingTimes] = await Promise.all([
    learnerCall(() => caller.learning.home({ cohortId, preview }), { preview, pathname }),
    // The learner's own meeting times; "view as learner" has none, and a refusal only hides the card.
    preview ? null : caller.availability.mine({ cohortId }).catch(() => null),
  ]);
  if (!("data" in result)) notFound();
  const home = result.data;
  if (home.cohort.orgId !== orgId) notFound();
  const now = new Date();
  const { progress, continueItem, course } = home;
  const finished = progress.total > 0 && progress.completed === progress.total;

  return (
    <div className="space-y-8">
      {home.preview ? <PreviewBanner exitHref={`/orgs/${orgId}/cohorts/${cohortId}`} /> : null}

      <header className="overflow-hidden rounded-2xl border bg-card shadow-sm">
        {course.coverUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- covers come from our own storage route, sized by CSS
          <img src={course.coverUrl} alt="" className="h-32 w-full object-cover sm:h-44" />
        ) : (
          <div aria-hidden="true" className="flex h-20 items-center bg-gradient-to-r from-primary/15 via-primary/5 to-transparent px-5 sm:h-24">
            <GraduationCapIcon className="size-8 text-primary/70" />
          </div>
        )}
        <div className="grid gap-5 p-5 sm:p-6 lg:grid-cols-[1fr_auto] lg:items-end">
          <div className="min-w-0 space-y-3">
            <p className="text-sm text-muted-foreground">{home.cohort.name}</p>
            <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">{course.title}</h1>
            {course.description ? <p className="max-w-2xl text-sm text-muted-foreground">{course.description}</p> : null}
            {progress.total > 0 ? (
              <div className="max-w-md space-y-1.5">
                <div className="flex items-baseline justify-between text-sm">
                  <span className="font-medium">
                    {progress.completed} of {progress.total} done
                  </span>
                  <span className="text-muted-foreground tabular-nums">{progress.percent}%</span>
                </div>
                <ProgressBar value={progress.percent} label="Course progress" />
                {progress.available < progress.total ? (
                  <p className="text-xs text-muted-foreground">
                    {progress.available} open now; the rest unlock on the dates shown below.
                  </p>
                ) : null}
              </div>
            ) : null}
          </div>
          <div className="flex flex-col gap-3 sm:flex-row lg:flex-col lg:items-stretch">
            {home.streak ? <StreakBadge streak={home.streak} /> : null}
            {continueItem ? (
              <Button asChild size="lg" className="h-auto min-h-11 justify-between gap-3 py-2 text-left whitespace-normal">
                <Link href={learnItemHref(orgId, cohortId, continueItem.id, home.preview)} data-testid="continue">
                  <span className="flex min-w-0 items-center gap-2">
                    <KindIcon kind={continueItem.kind} />
                    <span className="min-w-0">
                      <span className="block text-xs font-normal opacity-80">{continueItem.resume ? "Continue where you left off" : progress.completed === 0 ? "Start" : "Up next"}</span>
                      <span className="block break-words">{continueItem.title}</span>
                    </span>
                  </span>
                  <ArrowRightIcon aria-hidden="true" />
                </Link>
              </Button>
            ) : null}
          </div>
        </div>
      </header>

      {meetingTimes && !home.preview ? <MeetingTimesCard data={meetingTimes} href={`/orgs/${orgId}/cohorts/${cohortId}/availability`} /> : null}

      {home.cohort.readOnly ? (
        <Alert>
          <AlertTitle>This cohort has ended</AlertTitle>
          <AlertDescription>You can still read everything and see your results; new work is no longer recorded.</AlertDescription>
        </Alert>
      ) : null}

      {!course.published ? (
        <EmptyState
          icon={<BookOpenIcon />}
          title="This course is not open yet"
          description="Your teacher has not published it. You will find it here once they do; nothing to do until then."
        />
      ) : home.modules.length === 0 ? (
        <EmptyState
          icon={<BookOpenIcon />}
          title="Nothing published yet"
          description="The first lessons will appear here as soon as your teacher publishes them."
        />
      ) : (
        <>
          {finished && !home.preview ? (
            <Alert variant="success">
              <PartyPopperIcon aria-hidden="true" />
              <AlertTitle>You have completed every item of this course</AlertTitle>
              <AlertDescription>Well done. Quizzes can still be retaken in practice mode to improve your score.</AlertDescription>
            </Alert>
          ) : null}
          <CourseOutline modules={home.modules} orgId={orgId} cohortId={cohortId} preview={home.preview} timeZone={home.viewerTimeZone} now={now} />
        </>
      )}
    </div>
  );
}
