"use client";

import { useChat } from "@ai-sdk/react";
import { useQueryClient } from "@tanstack/react-query";
import { DefaultChatTransport, generateId } from "ai";
import { ArrowDownIcon, RotateCcwIcon, SparklesIcon } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { tutorMessageTextSchema, tutorStoppedMessage } from "@/lib/schemas/tutor";
import type { TutorInfoDTO } from "@/server/services/tutor";
import { ClearConversationButton } from "./clear-conversation";
import { describeChatFailure, markLastTurn, messageText, starterPrompts, toUIMessages, withoutUnsavedQuestion, type ChatFailure, type TutorUIMessage } from "./messages";
import { TutorComposer } from "./tutor-composer";
import { TutorHeader } from "./tutor-header";
import { TutorMessage, TutorThinking } from "./tutor-message";
import { useStickToBottom } from "./use-stick-to-bottom";

/**
 * The conversation with `useChat`: restored messages first, then each
 * question streamed from POST /api/tutor. Only the new question is sent;
 * the server keeps the history. The transcript the learner sees mirrors what
 * the server saved: a failed or stopped turn carries its error, and a
 * question the server refused goes back into the box instead of the list.
 */
export function TutorChat({
  cohortId,
  itemId,
  info,
  headingId,
  initialMessages,
  hasEarlier,
}: {
  cohortId: string;
  itemId: string;
  info: TutorInfoDTO;
  headingId: string;
  initialMessages: TutorUIMessage[];
  hasEarlier: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const transport = useMemo(
    () =>
      new DefaultChatTransport<TutorUIMessage>({
        api: "/api/tutor",
        prepareSendMessagesRequest: ({ messages }) => {
          const last = messages.at(-1);
          return { body: { cohortId, itemId, message: last ? messageText(last) : "" } };
        },
      }),
    [cohortId, itemId],
  );
  const { messages, sendMessage, setMessages, status, stop, error, clearError } = useChat<TutorUIMessage>({
    id: `tutor:${cohortId}:${itemId}`,
    messages: initialMessages,
    transport,
    onFinish: ({ message, isAbort, isError }) => {
      if (!isAbort && !isError) setAnnouncement(`The tutor answered: ${messageText(message)}`);
    },
  });

  const [input, setInput] = useState("");
  const [inputError, setInputError] = useState<string | null>(null);
  const [failure, setFailure] = useState<(ChatFailure & { question: string }) | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [earlier, setEarlier] = useState({ more: hasEarlier, loading: false, error: null as string | null });
  const lastQuestion = useRef("");
  const latest = useRef(messages);
  latest.current = messages;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const busy = status === "submitted" || status === "streaming";
  const scroll = useStickToBottom<HTMLOListElement>(messages);

  // A failed turn: show why, mirror what the server kept, and clear the hook's error so the next question can go.
  useEffect(() => {
    if (!error) return;
    const described = describeChatFailure(error);
    setFailure({ ...described, question: lastQuestion.current });
    setAnnouncement(described.message);
    if (described.saved) {
      setMessages(markLastTurn(latest.current, described.message, generateId));
    } else {
      const { messages: kept, text } = withoutUnsavedQuestion(latest.current);
      setMessages(kept);
      if (text !== null) setInput((typed) => typed || text);
    }
    clearError();
  }, [error, setMessages, clearError]);

  function send(text: string) {
    const parsed = tutorMessageTextSchema.safeParse(text);
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? "Write a message to the tutor.");
      return;
    }
    setInputError(null);
    setFailure(null);
    lastQuestion.current = parsed.data;
    setAnnouncement("The tutor is writing an answer…");
    setInput("");
    scroll.scrollToBottom();
    void sendMessage({ text: parsed.data });
    textareaRef.current?.focus();
  }

  async function stopAnswer() {
    await stop();
    // The server saves the stopped turn the same way.
    setMessages((current) => markLastTurn(current, tutorStoppedMessage, generateId));
    setAnnouncement(tutorStoppedMessage);
  }

  async function showEarlier() {
    const first = messages[0]?.metadata?.seq;
    if (!first) return;
    setEarlier((e) => ({ ...e, loading: true, error: null }));
    try {
      const page = await queryClient.fetchQuery(trpc.tutor.history.queryOptions({ cohortId, itemId, beforeSeq: first }));
      scroll.keepPositionOnPrepend();
      setMessages((current) => [...toUIMessages(page.messages), ...current]);
      setEarlier({ more: page.hasEarlier, loading: false, error: null });
    } catch (e) {
      setEarlier((prev) => ({ ...prev, loading: false, error: e instanceof Error ? e.message : "Earlier messages could not be loaded." }));
    }
  }

  const streamingId = status === "streaming" ? messages.at(-1)?.id : undefined;
  const empty = messages.length === 0;
  const canSend = info.canSend;

  return (
    <>
      <TutorHeader
        info={info}
        headingId={headingId}
        actions={
          <ClearConversationButton
            cohortId={cohortId}
            itemId={itemId}
            disabled={busy || empty || !canSend}
            onCleared={() => {
              setMessages([]);
              setFailure(null);
              setEarlier({ more: false, loading: false, error: null });
              textareaRef.current?.focus();
            }}
          />
        }
      />

      <div className="relative min-h-0 flex-1">
        <ol
          ref={scroll.ref}
          onScroll={scroll.onScroll}
          className="absolute inset-0 space-y-3 overflow-y-auto overscroll-contain p-3"
          aria-label="Conversation with the AI tutor"
          // Announced through the live region below instead: a streaming answer read token by token is noise.
          aria-live="off"
          role="log"
          tabIndex={0}
          data-testid="tutor-messages"
        >
          {earlier.more ? (
            <li className="flex flex-col items-center gap-1">
              <Button type="button" variant="ghost" size="sm" onClick={showEarlier} disabled={earlier.loading}>
                {earlier.loading ? "Loading…" : "Show earlier messages"}
              </Button>
              {earlier.error ? <span className="text-xs text-destructive">{earlier.error}</span> : null}
            </li>
          ) : null}

          {empty ? (
            <li className="flex flex-col items-center gap-3 px-2 py-6 text-center" data-testid="tutor-empty">
              <SparklesIcon aria-hidden className="size-6 text-muted-foreground" />
              <p className="max-w-xs text-sm text-muted-foreground">
                Ask about anything in this lesson. The tutor explains and gives hints, and will not give away quiz answers.
              </p>
              <div className="flex flex-wrap justify-center gap-2">
                {starterPrompts.map((prompt) => (
                  <Button key={prompt} type="button" variant="outline" size="sm" className="h-auto py-1.5 whitespace-normal" disabled={!canSend || busy} onClick={() => send(prompt)}>
                    {prompt}
                  </Button>
                ))}
              </div>
            </li>
          ) : null}

          {messages.map((message) => (
            <TutorMessage key={message.id} message={message} streaming={message.id === streamingId} />
          ))}
          {status === "submitted" ? <TutorThinking /> : null}
        </ol>

        {!scroll.atBottom ? (
          <Button type="button" size="sm" variant="secondary" className="absolute bottom-2 left-1/2 -translate-x-1/2 shadow" onClick={() => scroll.scrollToBottom("smooth")}>
            <ArrowDownIcon aria-hidden />
            Latest
          </Button>
        ) : null}
      </div>

      <p className="sr-only" aria-live="polite" data-testid="tutor-announcer">
        {announcement}
      </p>

      {failure ? (
        <Alert variant="destructive" className="mx-3 mb-1 w-auto">
          <AlertDescription className="flex flex-wrap items-center justify-between gap-2">
            {/* A failed answer shows its reason in the transcript; a refused question has no place there, so its reason is here. */}
            <span data-testid="tutor-error">{failure.saved ? "The tutor could not finish this answer." : `Your message was not sent: ${failure.message}`}</span>
            <Button
              type="button"
              size="sm"
              variant="outline"
              disabled={busy || !canSend}
              onClick={() => {
                const question = failure.saved ? failure.question : input || failure.question;
                if (!failure.saved) setInput("");
                send(question);
              }}
            >
              <RotateCcwIcon aria-hidden />
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      ) : null}

      <TutorComposer
        value={input}
        onChange={(value) => {
          setInput(value);
          if (inputError) setInputError(null);
        }}
        onSend={() => send(input)}
        onStop={() => void stopAnswer()}
        busy={busy}
        disabled={!canSend}
        disabledReason={info.notice}
        error={inputError}
        textareaRef={textareaRef}
      />
    </>
  );
}
