"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckIcon, CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { describeError } from "@/components/admin/mutation-feedback";
import { useTRPC } from "@/components/providers/trpc-provider";
import { controlClasses } from "@/components/ui/input";
import { codeLanguageLabels, type CodeLanguage } from "@/lib/schemas/courses";
import { cn } from "@/lib/utils";

/**
 * A code answer: a monospace textarea where Tab indents (Escape, then Tab,
 * moves on, so the keyboard is never trapped), saved on the server about a
 * second after the learner stops typing, with a "Saved" indicator.
 */

const indent = "    ";
const saveDelayMs = 1000;

type SaveState = { state: "idle" } | { state: "saving" } | { state: "saved"; at: Date } | { state: "error"; message: string };

export function CodeField({
  id,
  value,
  onChange,
  language,
  describedBy,
  draft,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  language: CodeLanguage;
  describedBy?: string;
  /** Where drafts are saved; null in preview (nothing is saved). */
  draft: { cohortId: string; itemId: string; questionId: string } | null;
}) {
  const trpc = useTRPC();
  const [save, setSave] = useState<SaveState>({ state: "idle" });
  const [savedCode, setSavedCode] = useState(value);
  const leaveOnTab = useRef(false);
  const mutation = useMutation(trpc.learning.saveCodeDraft.mutationOptions());
  const { mutate } = mutation;

  useEffect(() => {
    if (!draft || value === savedCode) return;
    const timer = setTimeout(() => {
      setSave({ state: "saving" });
      mutate(
        { ...draft, code: value },
        {
          onSuccess: ({ savedAt }) => {
            setSavedCode(value);
            setSave({ state: "saved", at: savedAt });
          },
          onError: (error) => setSave({ state: "error", message: describeError(error) }),
        },
      );
    }, saveDelayMs);
    return () => clearTimeout(timer);
    // draft is a fresh object each render; its fields are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, savedCode, draft?.cohortId, draft?.itemId, draft?.questionId, mutate]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      leaveOnTab.current = true;
      return;
    }
    if (event.key !== "Tab" || leaveOnTab.current || event.ctrlKey || event.metaKey || event.altKey) {
      leaveOnTab.current = false;
      return;
    }
    event.preventDefault();
    const el = event.currentTarget;
    const { selectionStart: start, selectionEnd: end } = el;
    if (event.shiftKey) {
      // Outdent the current line.
      const lineStart = el.value.lastIndexOf("\n", start - 1) + 1;
      const leading = /^ {1,4}|^\t/.exec(el.value.slice(lineStart))?.[0] ?? "";
      if (!leading) return;
      el.setRangeText("", lineStart, lineStart + leading.length, "preserve");
      el.setSelectionRange(Math.max(lineStart, start - leading.length), Math.max(lineStart, end - leading.length));
    } else {
      el.setRangeText(indent, start, end, "end");
    }
    onChange(el.value);
  }

  const status =
    save.state === "saving" ? (
      <>
        <LoaderCircleIcon aria-hidden="true" className="size-3.5 animate-spin" /> Saving…
      </>
    ) : save.state === "saved" && value === savedCode ? (
      <>
        <CheckIcon aria-hidden="true" className="size-3.5 text-success" /> Saved
      </>
    ) : save.state === "error" ? (
      <span className="inline-flex items-center gap-1 text-destructive">
        <CircleAlertIcon aria-hidden="true" className="size-3.5" /> Not saved: {save.message}
      </span>
    ) : value !== savedCode && draft ? (
      "Unsaved changes"
    ) : null;

  return (
    <div className="overflow-hidden rounded-lg border focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b bg-muted/60 px-3 py-1.5 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{codeLanguageLabels[language]}</span>
        <span aria-live="polite" className="inline-flex items-center gap-1" data-testid="draft-status">
          {draft ? status : "Drafts are not saved in preview"}
        </span>
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={describedBy}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        rows={Math.min(24, Math.max(8, value.split("\n").length + 1))}
        className={cn(controlClasses, "block rounded-none border-0 px-3 py-2 font-mono text-sm leading-6 shadow-none [tab-size:4] focus-visible:ring-0 focus-visible:ring-offset-0")}
      />
      <p className="border-t bg-muted/30 px-3 py-1 text-xs text-muted-foreground">Tab indents · Esc then Tab moves to the next field</p>
    </div>
  );
}
