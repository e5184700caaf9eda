import { BotIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { TutorInfoDTO } from "@/server/services/tutor";

/** "AI tutor", which model answers, and for the offline model a badge and how a model gets connected. */
export function TutorHeader({ info, headingId, actions }: { info: TutorInfoDTO | undefined; headingId: string; actions?: ReactNode }) {
  const offline = info?.model.offline ?? false;
  return (
    <div className="border-b px-3 py-2">
      <div className="flex items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2">
          <BotIcon aria-hidden className="size-5 shrink-0 text-muted-foreground" />
          <h2 id={headingId} className="font-semibold">
            AI tutor
          </h2>
          {offline ? (
            <Badge variant="secondary" data-testid="tutor-offline-badge">
              Offline
            </Badge>
          ) : null}
        </div>
        {actions}
      </div>
      {info ? (
        <p className={offline ? "mt-0.5 text-xs text-muted-foreground" : "mt-0.5 truncate text-xs text-muted-foreground"} data-testid="tutor-model">
          {offline ? "No AI model is connected: answers point to the matching parts of the lesson." : `Answers by ${info.model.id}`}
        </p>
      ) : null}
      {offline && info?.connectHint ? (
        <details className="mt-1 text-xs text-muted-foreground">
          <summary className="cursor-pointer rounded-sm underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
            How to connect a model
          </summary>
          <p className="mt-1">{info.connectHint}</p>
        </details>
      ) : null}
    </div>
  );
}
