"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { BellOff, CheckCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { RelativeDateText } from "@/components/admin/date-text";
import { LoadErrorAlert, PagedListFooter, pagedListOptions } from "@/components/admin/paged-list";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/lib/utils";
import { inboxListInput } from "./inbox-options";
import { useNotificationMutations, useUnreadCount } from "./use-notifications";

type Filter = "all" | "unread";

/** The inbox: every in-app notification, newest first, with an unread filter. */
export function InboxList() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>("all");
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(inboxListInput(filter === "unread"), pagedListOptions),
  );
  const unread = useUnreadCount();
  const { markRead, markUnread, markAllRead } = useNotificationMutations();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const switching = list.isPlaceholderData && list.isFetching;
  const unreadCount = unread.data ?? 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="group" aria-label="Which notifications to show" className="inline-flex rounded-md border p-0.5">
          {(["all", "unread"] as const).map((value) => (
            <Button
              key={value}
              type="button"
              size="sm"
              variant={filter === value ? "secondary" : "ghost"}
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
            >
              {value === "all" ? "All" : `Unread${unreadCount > 0 ? ` (${unreadCount})` : ""}`}
            </Button>
          ))}
        </div>
        <Button variant="outline" size="sm" disabled={unreadCount === 0 || markAllRead.isPending} onClick={() => markAllRead.mutate()}>
          <CheckCheck aria-hidden /> Mark all as read
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {list.isPending || switching ? "Loading notifications…" : `${items.length} ${filter === "unread" ? "unread " : ""}notifications shown.`}
      </p>

      {list.isError && items.length === 0 ? (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <p className="text-sm text-muted-foreground">Loading notifications…</p>
      ) : items.length === 0 ? (
        filter === "unread" ? (
          <EmptyState
            icon={<CheckCheck />}
            title="You are all caught up"
            description="Nothing unread. New reminders and digests will show up here and on the bell."
            action={
              <Button variant="outline" onClick={() => setFilter("all")}>
                Show all notifications
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<BellOff />}
            title="No notifications yet"
            description="Your reminders, daily digests (for organisation admins) and test notifications arrive here. Choose what reaches you, and where, in your notification preferences."
            action={
              <>
                <Button asChild>
                  <Link href="/account/notifications">Notification preferences</Link>
                </Button>
                <Button variant="outline" asChild>
                  <Link href="/account/reminders">Set a reminder</Link>
                </Button>
              </>
            }
          />
        )
      ) : (
        <ul className={cn("divide-y rounded-lg border", switching && "opacity-60 transition-opacity")} data-testid="inbox-list">
          {items.map((n) => (
            <li key={n.id} className={cn("flex gap-3 px-3 py-3 sm:px-4", !n.readAt && "bg-accent/40")} data-testid="inbox-item">
              <span
                aria-hidden
                className={cn("mt-2 size-2 shrink-0 rounded-full", n.readAt ? "bg-transparent ring-1 ring-border" : "bg-primary")}
              />
              <div className="min-w-0 flex-1 space-y-1">
                <Link
                  href={n.url ?? "/notifications"}
                  onClick={() => {
                    if (!n.readAt) markRead.mutate({ id: n.id });
                  }}
                  className={cn(
                    "block break-words underline-offset-4 hover:underline",
                    "rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
                    n.readAt ? "font-medium" : "font-semibold",
                  )}
                >
                  {n.title}
                  {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                </Link>
                <p className="text-sm break-words text-muted-foreground">{n.body}</p>
                <RelativeDateText value={n.createdAt} className="block text-xs text-muted-foreground" />
              </div>
              <div className="shrink-0">
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={markRead.isPending || markUnread.isPending}
                  aria-label={n.readAt ? `Mark “${n.title}” as unread` : `Mark “${n.title}” as read`}
                  onClick={() => (n.readAt ? markUnread.mutate({ id: n.id }) : markRead.mutate({ id: n.id }))}
                >
                  {n.readAt ? "Mark unread" : "Mark read"}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <PagedListFooter list={list} shown={items.length} />
    </div>
  );
}
