import { ArrowLeftIcon, LockIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignmentPanel } from "@/components/learn/assignment/assignment-panel";
import { formatUnlock } from "@/components/learn/format";
import { ItemPager } from "@/components/learn/item-pager";
import { ItemSidebar } from "@/components/learn/item-sidebar";
import { KindIcon, kindLabels, statusText } from "@/components/learn/item-status";
import { learnHomePath, learnItemHref } from "@/components/learn/paths";
import { PreviewBanner } from "@/components/learn/preview-banner";
import { QuizPanel } from "@/components/learn/quiz/quiz-panel";
import { Markdown } from "@/components/markdown/markdown";
import { TutorPanel } from "@/components/tutor/tutor-panel";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { serverCaller } from "@/server/api/rsc";
import { learnerCall } from "../_lib/learner-call";

export const metadata: Metadata = { title: "Learn" };

function LockedItem({ message, homeHref }: { message: string; homeHref: string }) {
  return (
    <EmptyState
      icon={<LockIcon />}
      title="Not open yet"
      description={message}
      action={
        <Button asChild variant="outline">
          <Link href={homeHref}>
            <ArrowLeftIcon aria-hidden="true" /> Back to the course
          </Link>
        </Button>
      }
    />
  );
}

/** A lesson, quiz or assignment as the learner works on it (and, with ?preview=1, as a teacher previews it). */
export default async function LearnerItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string; cohortId: string; itemId: string }>;
  searchParams: Promise<{ preview?: string }>;
}) {
  const [{ orgId, cohortId, itemId }, { preview: previewParam }] = await Promise.all([params, searchParams]);
  const preview = previewParam === "1";
  const caller = await serverCaller();
  const result = await learnerCall(() => caller.learning.item({ cohortId, itemId, preview }), {
    preview,
    pathname: `/orgs/${orgId}/cohorts/${cohortId}/learn/${itemId}`,
  });
  const homeHref = learnHomePath(orgId, cohortId, preview);
  if (!("data" in result)) return <LockedItem message={result.locked} homeHref={homeHref} />;
  const page = result.data;
  if (page.cohort.orgId !== orgId) notFound();
  const now = new Date();
  const { item, body } = page;
  const tz = page.viewerTimeZone;

  return (
    <div>
      {page.preview ? <PreviewBanner exitHref={`/orgs/${orgId}/cohorts/${cohortId}`} /> : null}
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside className="min-w-0">
          <ItemSidebar modules={page.outline} currentId={item.id} progress={page.progress} orgId={orgId} cohortId={cohortId} preview={page.preview} timeZone={tz} now={now} />
        </aside>

        <div className="min-w-0 space-y-6">
          <header className="space-y-2">
            <Link href={homeHref} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
              <ArrowLeftIcon aria-hidden="true" className="size-3.5" />
              <span className="break-words">{page.course.title}</span>
            </Link>
            <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">{item.title}</h1>
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
              <span className="inline-flex items-center gap-1.5">
                <KindIcon kind={item.kind} />
                {kindLabels[item.kind]}
              </span>
              {item.moduleTitle ? <span>{item.moduleTitle}</span> : null}
              {!page.preview ? <span>{statusText({ ...item, quizMode: null })}</span> : null}
            </p>
          </header>

          {page.preview && item.locked && item.unlocksAt ? (
            <Alert>
              <LockIcon aria-hidden="true" />
              <AlertTitle>Locked for learners until {formatUnlock(item.unlocksAt, tz, now)}</AlertTitle>
              <AlertDescription>You can preview it now; learners see it with its unlock date until then.</AlertDescription>
            </Alert>
          ) : null}
          {page.cohort.readOnly ? (
            <Alert>
              <AlertTitle>This cohort has ended</AlertTitle>
              <AlertDescription>Everything stays readable; new work is no longer recorded.</AlertDescription>
            </Alert>
          ) : null}

          {body.kind === "lesson" ? (
            <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
              <article className="min-w-0 self-start rounded-xl border bg-card p-4 sm:p-6">
                {body.markdown.trim() ? (
                  <Markdown source={body.markdown} />
                ) : (
                  <p className="text-muted-foreground">This lesson has no text yet.</p>
                )}
              </article>
              <section aria-label="AI tutor" className="h-[34rem] min-w-0 xl:sticky xl:top-4 xl:h-[calc(100dvh-2rem)]">
                <TutorPanel cohortId={cohortId} itemId={item.id} preview={page.preview} />
              </section>
            </div>
          ) : body.kind === "quiz" ? (
            <QuizPanel
              key={item.id}
              cohortId={cohortId}
              itemId={item.id}
              view={body}
              preview={page.preview}
              timeZone={tz}
              serverNow={now}
              tutorLesson={page.tutorLesson ? { title: page.tutorLesson.title, href: learnItemHref(orgId, cohortId, page.tutorLesson.id, page.preview) } : null}
              instructions={body.instructions.trim() ? <Markdown source={body.instructions} /> : null}
            />
          ) : (
            <AssignmentPanel
              key={item.id}
              cohortId={cohortId}
              itemId={item.id}
              view={body}
              timeZone={tz}
              instructions={body.instructions.trim() ? <Markdown source={body.instructions} /> : null}
            />
          )}

          <ItemPager previous={page.previous} next={page.next} orgId={orgId} cohortId={cohortId} preview={page.preview} timeZone={tz} now={now} />
        </div>
      </div>
    </div>
  );
}
