"use client";

import { useQuery } from "@tanstack/react-query";
import { Bell, CheckCheck, Inbox } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RelativeDateText } from "@/components/admin/date-text";
import { describeError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import { useNotificationMutations, useUnreadCount } from "./use-notifications";

/** How many the bell shows; the inbox page has the rest. */
const LATEST = 8;

export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

/** The header bell: unread count, the latest notifications, and the way to the inbox. */
export function NotificationBell() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useQuery({ ...trpc.notifications.list.queryOptions({ take: LATEST }), enabled: open });
  const { markRead, markAllRead } = useNotificationMutations();
  const count = unread.data ?? 0;
  const items = latest.data?.items ?? [];

  return (
    <DropdownMenu open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={bellLabel(count)} data-testid="notification-bell">
          <Bell aria-hidden className="size-5" />
          {count > 0 ? (
            <span
              aria-hidden
              className="absolute -top-0.5 -right-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-destructive px-1 text-[11px] leading-none font-semibold text-white"
            >
              {count > 99 ? "99+" : count}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-[min(24rem,calc(100vw-1rem))] p-0">
        <div className="flex items-center justify-between gap-2 px-3 py-2">
          <DropdownMenuLabel className="p-0 text-sm font-semibold">Notifications</DropdownMenuLabel>
          {count > 0 ? (
            <span className="text-xs text-muted-foreground">{count} unread</span>
          ) : null}
        </div>
        <DropdownMenuSeparator className="m-0" />
        <div className="max-h-[min(26rem,60dvh)] overflow-y-auto p-1">
          {latest.isPending ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">Loading…</p>
          ) : latest.isError ? (
            <p role="alert" className="px-3 py-6 text-center text-sm text-destructive">
              {describeError(latest.error)}
            </p>
          ) : items.length === 0 ? (
            <div className="flex flex-col items-center gap-2 px-3 py-6 text-center text-sm text-muted-foreground">
              <Inbox aria-hidden className="size-6" />
              <p>Nothing yet. Grades, new course material, reminders and digests will show up here.</p>
            </div>
          ) : (
            items.map((n) => (
              <DropdownMenuItem
                key={n.id}
                className="items-start gap-3 px-3 py-2"
                data-testid="bell-item"
                onSelect={() => {
                  if (!n.readAt) markRead.mutate({ id: n.id });
                  router.push(n.url ?? "/notifications");
                }}
              >
                <span
                  aria-hidden
                  className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.readAt ? "bg-transparent" : "bg-primary")}
                />
                <span className="min-w-0 flex-1 space-y-0.5">
                  <span className={cn("block break-words", n.readAt ? "font-normal" : "font-semibold")}>
                    {n.title}
                    {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                  </span>
                  <span className="line-clamp-2 block text-xs text-muted-foreground">{n.body}</span>
                  <RelativeDateText value={n.createdAt} className="block text-xs text-muted-foreground" />
                </span>
              </DropdownMenuItem>
            ))
          )}
        </div>
        <DropdownMenuSeparator className="m-0" />
        <div className="flex flex-wrap items-center justify-between gap-1 p-1">
          <DropdownMenuItem
            disabled={count === 0 || markAllRead.isPending}
            onSelect={(event) => {
              // Stay open so the person sees the dots go.
              event.preventDefault();
              markAllRead.mutate();
            }}
          >
            <CheckCheck aria-hidden className="size-4" /> Mark all as read
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/notifications" className="font-medium">
              See all
            </Link>
          </DropdownMenuItem>
        </div>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
