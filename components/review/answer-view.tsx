import { CheckIcon, CircleDotIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { codeLanguageLabels } from "@/lib/schemas/courses";
import type { AnswerEntry } from "@/server/services/courses/review";

/** A question as the learner saw it, with what they answered and (for reviewers) the answer key. */
export function AnswerView({ entry }: { entry: AnswerEntry }) {
  const { question, answer } = entry;
  if (!question) {
    return <p className="text-sm text-muted-foreground">This question is no longer part of the quiz the attempt was taken on, so only the score is shown.</p>;
  }
  return (
    <div className="space-y-3">
      <div>
        <h4 className="text-xs font-medium text-muted-foreground uppercase">Question · {question.points} {question.points === 1 ? "point" : "points"}</h4>
        <p className="text-sm break-words whitespace-pre-wrap">{question.prompt}</p>
      </div>
      <div>
        <h4 className="text-xs font-medium text-muted-foreground uppercase">Answer</h4>
        {answer === null ? (
          <p className="text-sm text-muted-foreground">No answer was given.</p>
        ) : answer.kind === "single_choice" || answer.kind === "multiple_choice" ? (
          <ul className="mt-1 space-y-1" aria-label="Choices">
            {question.choices.map((c) => {
              const chosen = answer.kind === "single_choice" ? answer.choiceId === c.id : answer.choiceIds.includes(c.id);
              return (
                <li key={c.id} className="flex flex-wrap items-center gap-2 text-sm">
                  {chosen ? <CircleDotIcon aria-hidden="true" className="size-4 text-primary" /> : <span aria-hidden="true" className="inline-block size-4" />}
                  <span className={chosen ? "font-medium" : undefined}>{c.text}</span>
                  {chosen ? <Badge variant="outline">Chosen</Badge> : null}
                  {c.correct ? (
                    <Badge variant="success">
                      <CheckIcon aria-hidden="true" /> Correct
                    </Badge>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : answer.kind === "code" ? (
          <figure className="mt-1">
            <figcaption className="mb-1 text-xs text-muted-foreground">{question.language ? codeLanguageLabels[question.language] : "Code"}</figcaption>
            <pre className="max-h-96 overflow-auto rounded-md border bg-muted p-3 text-xs" tabIndex={0} aria-label="The learner's code">
              <code>{answer.code}</code>
            </pre>
          </figure>
        ) : (
          <blockquote className="mt-1 rounded-md border-l-4 bg-muted/50 p-3 text-sm break-words whitespace-pre-wrap">{answer.text || <span className="text-muted-foreground">(empty)</span>}</blockquote>
        )}
      </div>
      {question.acceptedAnswers.length > 0 ? (
        <p className="text-sm">
          <span className="text-muted-foreground">Accepted answers: </span>
          {question.acceptedAnswers.map((a) => `“${a}”`).join(", ")}
        </p>
      ) : null}
      {question.graderNotes ? (
        <div>
          <h4 className="text-xs font-medium text-muted-foreground uppercase">Notes for graders</h4>
          <p className="text-sm whitespace-pre-wrap">{question.graderNotes}</p>
        </div>
      ) : null}
      {question.referenceTests ? (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Reference tests</summary>
          <pre className="mt-1 max-h-72 overflow-auto rounded-md border bg-muted p-3 text-xs" tabIndex={0}>
            <code>{question.referenceTests}</code>
          </pre>
        </details>
      ) : null}
    </div>
  );
}
