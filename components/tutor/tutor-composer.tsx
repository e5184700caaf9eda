"use client";

import { SendIcon, SquareIcon } from "lucide-react";
import { useId, type KeyboardEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { maxTutorMessageLength } from "@/lib/schemas/tutor";
import { cn } from "@/lib/utils";

/** The counter appears once a message gets this close to the limit. */
const counterFrom = maxTutorMessageLength - 500;

/**
 * The message box: Enter sends, Shift+Enter starts a new line (and Enter
 * while an input method is composing, e.g. Japanese, only confirms the
 * characters). While the tutor answers, Send becomes Stop.
 */
export function TutorComposer({
  value,
  onChange,
  onSend,
  onStop,
  busy,
  disabled,
  disabledReason,
  error,
  textareaRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  disabled: boolean;
  disabledReason?: string | null;
  error?: string | null;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const tooLong = value.length > maxTutorMessageLength;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!busy && !disabled) onSend();
  }

  return (
    <form
      className="space-y-1.5 border-t p-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy && !disabled) onSend();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Message the AI tutor
      </label>
      <div className="flex items-end gap-2">
        <Textarea
          id={id}
          ref={textareaRef}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={disabled ? "Sending is off here" : "Ask about this lesson…"}
          disabled={disabled}
          rows={1}
          aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
          aria-invalid={tooLong || Boolean(error) || undefined}
          className="max-h-40 min-h-10 flex-1 resize-none text-sm"
          data-testid="tutor-input"
        />
        {busy ? (
          <Button type="button" variant="outline" onClick={onStop} data-testid="tutor-stop">
            <SquareIcon aria-hidden className="fill-current" />
            Stop
          </Button>
        ) : (
          <Button type="submit" disabled={disabled || !value.trim() || tooLong} data-testid="tutor-send">
            <SendIcon aria-hidden />
            Send
          </Button>
        )}
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="flex flex-wrap justify-between gap-x-3 text-xs text-muted-foreground">
        <span>{disabled && disabledReason ? disabledReason : "Enter to send, Shift+Enter for a new line."}</span>
        {value.length >= counterFrom ? (
          <span className={cn(tooLong && "font-medium text-destructive")} aria-live="polite">
            {value.length.toLocaleString("en")} / {maxTutorMessageLength.toLocaleString("en")}
          </span>
        ) : null}
      </p>
    </form>
  );
}
