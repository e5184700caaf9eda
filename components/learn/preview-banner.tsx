import { EyeIcon } from "lucide-react";
import Link from "next/link";

/** Shown on every learner page in "view as learner": it looks real, but nothing is saved. */
export function PreviewBanner({ exitHref }: { exitHref?: string }) {
  return (
    <div role="status" className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-primary/40 bg-primary/5 px-4 py-3 text-sm">
      <EyeIcon aria-hidden="true" className="size-4 shrink-0 text-primary" />
      <p className="min-w-0 flex-1 font-medium">Previewing as a learner — nothing is saved</p>
      {exitHref ? (
        <Link href={exitHref} className="font-medium text-primary underline-offset-4 hover:underline">
          Back to the cohort
        </Link>
      ) : null}
    </div>
  );
}
