import { ListTreeIcon } from "lucide-react";
import { DateText } from "@/components/admin/date-text";
import { KindIcon, kindLabels } from "@/components/learn/item-status";
import { ProgressBar } from "@/components/learn/progress-bar";
import { EmptyState } from "@/components/ui/empty-state";
import type { DashboardItem } from "@/server/services/courses/dashboard";

/** How many learners completed each published item, in course order. */
export function ItemCompletion({ items, learners }: { items: DashboardItem[]; learners: number }) {
  return (
    <section aria-labelledby="item-completion-heading" className="space-y-3">
      <h2 id="item-completion-heading" className="text-lg font-semibold">
        Completion by item
      </h2>
      {items.length === 0 ? (
        <EmptyState
          titleAs="h3"
          icon={<ListTreeIcon />}
          title="No published items"
          description="Learners see the course's published lessons, quizzes and assignments. Publish items in the course editor and their completion shows here."
        />
      ) : (
        <ol className="divide-y rounded-lg border" data-testid="item-completion">
          {items.map((item) => {
            const percent = item.rate === null ? 0 : Math.round(item.rate * 100);
            return (
              <li key={item.itemId} className="grid gap-2 p-3 sm:grid-cols-[minmax(0,1fr)_14rem] sm:items-center">
                <p className="flex min-w-0 items-center gap-2 text-sm">
                  <KindIcon kind={item.kind} className="text-muted-foreground" />
                  <span className="sr-only">{kindLabels[item.kind]}: </span>
                  <span className="min-w-0 font-medium break-words">{item.title}</span>
                </p>
                <div className="space-y-1">
                  <ProgressBar value={percent} label={`Learners who completed ${item.title}`} />
                  <p className="text-xs text-muted-foreground tabular-nums">
                    {learners === 0 ? "No learners yet" : `${item.completed} of ${learners} completed (${percent}%)`}
                    {item.opensAt ? (
                      <>
                        {" · opens "}
                        <DateText value={item.opensAt} />
                      </>
                    ) : null}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
