"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { toastError } from "@/components/admin/mutation-feedback";

/** How often the bell asks for new notifications (and on every return to the tab). */
export const UNREAD_POLL_MS = 30_000;

export function useUnreadCount() {
  const trpc = useTRPC();
  return useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      refetchInterval: UNREAD_POLL_MS,
      refetchOnWindowFocus: true,
    }),
  );
}

/**
 * Marking read/unread: every list and the count are refreshed after, so the
 * bell and the inbox page never disagree.
 */
export function useNotificationMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onError: (error) => toastError("Could not mark the notification as read", error),
      onSettled: refresh,
    }),
  );
  const markUnread = useMutation(
    trpc.notifications.markUnread.mutationOptions({
      onError: (error) => toastError("Could not mark the notification as unread", error),
      onSettled: refresh,
    }),
  );
  const markAllRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onError: (error) => toastError("Could not mark all as read", error),
      onSettled: refresh,
    }),
  );
  return { markRead, markUnread, markAllRead };
}
