"use client";

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from "react";

/** Within this many pixels of the end counts as "at the end" (a rounding step or a line of slack). */
const slackPx = 48;

/**
 * Keeps a scrolling list at its end while new content arrives, unless the
 * reader has scrolled up to read something earlier: then it stays put and
 * `atBottom` is false, so the caller can offer a "jump to latest" button.
 */
export function useStickToBottom<T extends HTMLElement>(content: unknown): {
  ref: RefObject<T | null>;
  atBottom: boolean;
  onScroll: () => void;
  scrollToBottom: (behavior?: ScrollBehavior) => void;
  /** Call before adding content above (earlier messages), so the view does not jump. */
  keepPositionOnPrepend: () => void;
} {
  const ref = useRef<T>(null);
  const stuck = useRef(true);
  const prependFrom = useRef<number | null>(null);
  const [atBottom, setAtBottom] = useState(true);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight <= slackPx;
    stuck.current = near;
    setAtBottom(near);
  }, []);

  const scrollToBottom = useCallback((behavior: ScrollBehavior = "auto") => {
    const el = ref.current;
    stuck.current = true;
    setAtBottom(true);
    el?.scrollTo({ top: el.scrollHeight, behavior });
  }, []);

  const keepPositionOnPrepend = useCallback(() => {
    prependFrom.current = ref.current?.scrollHeight ?? null;
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (prependFrom.current !== null) {
      el.scrollTop += el.scrollHeight - prependFrom.current;
      prependFrom.current = null;
      return;
    }
    if (stuck.current) el.scrollTop = el.scrollHeight;
  }, [content]);

  return { ref, atBottom, onScroll, scrollToBottom, keepPositionOnPrepend };
}
