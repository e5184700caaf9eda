import { Markdown } from "@/components/markdown/markdown";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { learnerViewOf, type LearnerQuestion } from "@/lib/courses/questions";
import type { ItemContent } from "@/lib/schemas/course-content";
import { codeLanguageLabels } from "@/lib/schemas/courses";

const submissionText = {
  text: "Learners hand in a written answer.",
  file: "Learners upload a file.",
  text_or_file: "Learners hand in a written answer, a file, or both.",
} as const;

function points(n: number): string {
  return `${n} ${n === 1 ? "point" : "points"}`;
}

function PreviewQuestion({ question, index }: { question: LearnerQuestion; index: number }) {
  return (
    <li className="grid gap-3 rounded-lg border p-4">
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium">
          {index + 1}. <span className="whitespace-pre-line">{question.prompt || "(no question written yet)"}</span>
        </p>
        <Badge variant="outline">{points(question.points)}</Badge>
      </div>
      {question.kind === "single_choice" || question.kind === "multiple_choice" ? (
        <ul className="grid gap-2">
          {question.kind === "multiple_choice" ? <li className="text-xs text-muted-foreground">Choose every answer that applies.</li> : null}
          {question.choices.map((c) => (
            <li key={c.id} className="flex items-center gap-2 text-sm">
              <input type={question.kind === "single_choice" ? "radio" : "checkbox"} disabled aria-label={c.text} className="size-4" />
              {c.text}
            </li>
          ))}
        </ul>
      ) : question.kind === "short_answer" ? (
        <Input disabled placeholder="Your answer" aria-label="Answer" />
      ) : question.kind === "subjective" ? (
        <div className="grid gap-2">
          <Textarea disabled rows={3} placeholder="Your answer" aria-label="Answer" />
          <details className="text-sm">
            <summary className="cursor-pointer text-muted-foreground">How it is marked</summary>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {question.rubric.criteria.map((c) => (
                <li key={c.id}>
                  <span className="font-medium">{c.title}</span> ({c.min}–{c.max}, pass at {c.pass}): {c.description}
                </li>
              ))}
            </ul>
          </details>
        </div>
      ) : (
        <div className="grid gap-1">
          <p className="text-xs text-muted-foreground">{codeLanguageLabels[question.language]}</p>
          <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-sm">{question.starterCode || " "}</pre>
        </div>
      )}
    </li>
  );
}

/**
 * What learners will see of the draft: answer keys, grader notes and
 * reference tests are left out the same way the learner pages leave them
 * out (learnerViewOf).
 */
export function ItemPreview({ title, content }: { title: string; content: ItemContent }) {
  return (
    <article className="grid gap-6 rounded-lg border bg-background p-4 sm:p-6" aria-label="Preview as a learner sees it" data-testid="item-preview">
      <h2 className="text-2xl font-semibold tracking-tight">{title || "Untitled"}</h2>
      {content.kind === "lesson" ? (
        content.markdown.trim() ? <Markdown source={content.markdown} /> : <p className="text-muted-foreground">The lesson is empty.</p>
      ) : content.kind === "quiz" ? (
        <>
          <p className="text-sm text-muted-foreground">
            {content.mode === "exam" ? "Exam" : "Practice"} · {content.questions.length} {content.questions.length === 1 ? "question" : "questions"} · pass at {content.passPercent}%
            {content.attemptLimit ? ` · ${content.attemptLimit} ${content.attemptLimit === 1 ? "attempt" : "attempts"}` : ""}
            {content.timeLimitMinutes ? ` · ${content.timeLimitMinutes} minutes` : ""}
          </p>
          {content.instructions.trim() ? <Markdown source={content.instructions} /> : null}
          <ol className="grid gap-4">
            {content.questions.map((q, i) => (
              <PreviewQuestion key={q.id} question={learnerViewOf(q)} index={i} />
            ))}
          </ol>
        </>
      ) : (
        <>
          {content.instructions.trim() ? <Markdown source={content.instructions} /> : <p className="text-muted-foreground">No instructions yet.</p>}
          {content.kind === "assignment" ? (
            <p className="text-sm text-muted-foreground">
              {submissionText[content.submission]} Worth {points(content.maxPoints)}.
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}
