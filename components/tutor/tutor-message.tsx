import { AlertTriangleIcon } from "lucide-react";
import { Markdown } from "@/components/markdown/markdown";
import { cn } from "@/lib/utils";
import { messageText, type TutorUIMessage } from "./messages";

/* Lesson typography is sized for a page; in a chat bubble headings shrink to the text's size. */
const chatMarkdown =
  "text-sm leading-6 [&_h1]:mt-3 [&_h1]:mb-1 [&_h1]:text-base [&_h2]:mt-3 [&_h2]:mb-1 [&_h2]:border-0 [&_h2]:pb-0 [&_h2]:text-base [&_h3]:mt-3 [&_h3]:mb-1 [&_h3]:text-sm [&_pre]:text-xs";

/** One turn of the conversation: the learner's on the right, the tutor's on the left in Markdown, with the error of a turn that failed. */
export function TutorMessage({ message, streaming = false }: { message: TutorUIMessage; streaming?: boolean }) {
  const mine = message.role === "user";
  const text = messageText(message);
  const error = message.metadata?.error;
  return (
    <li className={cn("flex", mine ? "justify-end" : "justify-start")} data-testid={mine ? "tutor-user-message" : "tutor-assistant-message"}>
      <div
        className={cn(
          "max-w-[88%] min-w-0 rounded-lg px-3 py-2",
          mine ? "bg-primary text-primary-foreground" : "border bg-card text-card-foreground",
        )}
      >
        <span className="sr-only">{mine ? "You:" : "Tutor:"}</span>
        {mine ? (
          <p className="text-sm leading-6 break-words whitespace-pre-wrap">{text}</p>
        ) : text ? (
          <Markdown source={text} className={chatMarkdown} />
        ) : null}
        {streaming ? <span aria-hidden className="ml-0.5 inline-block h-4 w-1.5 animate-pulse rounded-sm bg-muted-foreground/60 align-text-bottom" /> : null}
        {error ? (
          <p className={cn("flex items-start gap-1.5 text-sm text-destructive", text && "mt-2 border-t pt-2")} data-testid="tutor-turn-error">
            <AlertTriangleIcon aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>{error}</span>
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Shown while the tutor has not written its first words yet. */
export function TutorThinking() {
  return (
    <li className="flex justify-start" data-testid="tutor-thinking">
      <div className="flex items-center gap-1 rounded-lg border bg-card px-3 py-3" role="img" aria-label="The tutor is writing">
        {[0, 150, 300].map((delay) => (
          <span key={delay} aria-hidden className="size-1.5 animate-bounce rounded-full bg-muted-foreground" style={{ animationDelay: `${delay}ms` }} />
        ))}
      </div>
    </li>
  );
}
