import { CheckCircle2Icon, XCircleIcon } from "lucide-react";
import type { AiRubricResult } from "@/server/services/courses/review";

/**
 * The AI grader's scores and feedback per rubric criterion; pass or fail was
 * computed on the server from the scores. A list rather than a table, so a
 * phone shows it without scrolling sideways.
 */
export function RubricResult({ result }: { result: AiRubricResult }) {
  return (
    <div className="space-y-2">
      <h4 className="text-xs font-medium text-muted-foreground uppercase">
        AI rubric scores · {result.total} of {result.max} · {result.passed ? "passes" : "does not pass"} every criterion
      </h4>
      <ul className="divide-y rounded-md border" aria-label="Rubric criteria">
        {result.criteria.map((c) => (
          <li key={c.id} className="grid gap-1 p-3 sm:grid-cols-[minmax(0,14rem)_7rem_minmax(0,1fr)] sm:gap-3">
            <div className="min-w-0">
              <p className="font-medium break-words">{c.title}</p>
              {c.description ? <p className="text-xs text-muted-foreground">{c.description}</p> : null}
            </div>
            <p className="text-sm">
              <span className="inline-flex items-center gap-1 font-medium tabular-nums">
                {c.passed ? <CheckCircle2Icon aria-hidden="true" className="size-4 text-success" /> : <XCircleIcon aria-hidden="true" className="size-4 text-destructive" />}
                {c.score} / {c.max}
              </span>
              <span className="block text-xs text-muted-foreground">
                {c.passed ? "Passes" : "Below"} the mark of {c.pass}
              </span>
            </p>
            <p className="text-sm break-words">{c.feedback ?? <span className="text-muted-foreground">No feedback</span>}</p>
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted-foreground">Graded by {result.model}.</p>
    </div>
  );
}
