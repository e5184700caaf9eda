import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { notALearnerMessage } from "@/server/services/courses/learning";

/**
 * Runs a learner-page query and turns refusals into navigation: not found
 * -> 404; a teacher or facilitator opening the learner page -> the same page
 * in "view as learner"; someone who may not preview -> the plain page (a
 * learner who followed a preview link). Locked items come back as
 * `{ locked: message }` so the page can say when they open.
 */
export async function learnerCall<T>(
  call: () => Promise<T>,
  { preview, pathname }: { preview: boolean; pathname: string },
): Promise<{ data: T } | { locked: string }> {
  try {
    return { data: await call() };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.code === "NOT_FOUND" || error.code === "UNAUTHORIZED") notFound();
    if (error.code === "FORBIDDEN") {
      if (!preview && error.message === notALearnerMessage) redirect(`${pathname}?preview=1`);
      if (preview) redirect(pathname);
      return { locked: error.message };
    }
    throw error;
  }
}
