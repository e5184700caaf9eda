"use client";

import * as React from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { XIcon } from "lucide-react";

import { cn } from "@/lib/utils";

/*
 * A tiny toast system: a module-level store + `toast()` to push into it, and a
 * <Toaster /> (mount once, e.g. in the root layout) that renders the store
 * with Radix Toast primitives. Radix provides the accessibility: toasts are
 * announced through a live region (polite for "default", assertive for
 * "destructive"), pause on hover/focus, F8 jumps to the toast region, Escape
 * or swipe dismisses them, and each auto-dismisses after `duration`.
 */

type ToastVariant = "default" | "destructive";

type ToastOptions = {
  title: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
  /** Milliseconds before auto-dismiss (default 5000). */
  duration?: number;
};

type ToastRecord = ToastOptions & {
  id: string;
  open: boolean;
};

type ToastHandle = {
  id: string;
  dismiss: () => void;
};

const TOAST_DURATION_MS = 5000;
const MAX_TOASTS = 3;
/** How long a closed toast stays mounted so its exit animation can finish. */
const REMOVE_DELAY_MS = 1000;

let toasts: readonly ToastRecord[] = [];
const listeners = new Set<() => void>();
const EMPTY: readonly ToastRecord[] = [];
let counter = 0;

function setToasts(next: readonly ToastRecord[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function getSnapshot(): readonly ToastRecord[] {
  return toasts;
}

function getServerSnapshot(): readonly ToastRecord[] {
  return EMPTY;
}

function removeToast(id: string): void {
  setToasts(toasts.filter((t) => t.id !== id));
}

/** Close one toast (or all toasts when `id` is omitted). */
function dismissToast(id?: string): void {
  const closing = toasts.filter((t) => t.open && (id === undefined || t.id === id));
  if (closing.length === 0) return;
  setToasts(
    toasts.map((t) =>
      closing.some((c) => c.id === t.id) ? { ...t, open: false } : t,
    ),
  );
  for (const t of closing) {
    setTimeout(() => removeToast(t.id), REMOVE_DELAY_MS);
  }
}

/** Show a toast. Requires <Toaster /> to be mounted somewhere in the tree. */
function toast(options: ToastOptions): ToastHandle {
  counter += 1;
  const id = `toast-${counter}`;
  const record: ToastRecord = { variant: "default", ...options, id, open: true };
  // Keep at most MAX_TOASTS open toasts; the oldest ones are dropped.
  const open = toasts.filter((t) => t.open);
  const dropped = new Set(
    open.slice(0, Math.max(0, open.length - (MAX_TOASTS - 1))).map((t) => t.id),
  );
  setToasts([...toasts.filter((t) => !dropped.has(t.id)), record]);
  return { id, dismiss: () => dismissToast(id) };
}

function Toaster({ className }: { className?: string }) {
  const items = React.useSyncExternalStore(
    subscribe,
    getSnapshot,
    getServerSnapshot,
  );

  return (
    <ToastPrimitive.Provider
      duration={TOAST_DURATION_MS}
      swipeDirection="right"
      label="Notification"
    >
      {items.map((t) => (
        <ToastPrimitive.Root
          key={t.id}
          data-slot="toast"
          data-variant={t.variant}
          open={t.open}
          onOpenChange={(open) => {
            if (!open) dismissToast(t.id);
          }}
          duration={t.duration}
          type={t.variant === "destructive" ? "foreground" : "background"}
          className={cn(
            "pointer-events-auto relative flex w-full items-start justify-between gap-3 overflow-hidden rounded-lg border p-4 pr-10 shadow-lg",
            "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
            "data-[state=open]:animate-toast-in data-[state=closed]:animate-toast-out",
            "data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none",
            "data-[swipe=cancel]:translate-x-0 data-[swipe=cancel]:transition-[translate]",
            "data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x)",
            t.variant === "destructive"
              ? "border-destructive bg-destructive text-destructive-foreground"
              : "bg-popover text-popover-foreground",
          )}
        >
          <div className="grid gap-1">
            <ToastPrimitive.Title
              data-slot="toast-title"
              className="text-sm font-semibold"
            >
              {t.title}
            </ToastPrimitive.Title>
            {t.description ? (
              <ToastPrimitive.Description
                data-slot="toast-description"
                className="text-sm"
              >
                {t.description}
              </ToastPrimitive.Description>
            ) : null}
          </div>
          <ToastPrimitive.Close
            data-slot="toast-close"
            aria-label="Dismiss notification"
            className={cn(
              "absolute top-2 right-2 inline-flex size-7 items-center justify-center rounded-md transition-colors",
              "hover:bg-current/10",
              "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-current",
            )}
          >
            <XIcon aria-hidden="true" className="size-4" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport
        data-slot="toast-viewport"
        className={cn(
          // Full-width at the bottom on phones, bottom-right corner from `sm`.
          // pointer-events-none so the (empty) viewport never blocks clicks.
          "pointer-events-none fixed right-0 bottom-0 z-[100] flex max-h-dvh w-full flex-col gap-2 p-4 sm:max-w-sm",
          className,
        )}
      />
    </ToastPrimitive.Provider>
  );
}

export {
  Toaster,
  toast,
  dismissToast,
  type ToastOptions,
  type ToastVariant,
  type ToastHandle,
};
