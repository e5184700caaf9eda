import { randomUUID } from "node:crypto";
import type { ModelMessage } from "ai";
import { AppError } from "@/lib/errors";
import {
  tutorHistoryInputSchema,
  tutorHistoryPageSize,
  tutorMessageInputSchema,
  tutorTargetSchema,
  type TutorMessageMetadata,
  type TutorRole,
} from "@/lib/schemas/tutor";
import { parseInput } from "@/lib/validation";
import { buildTutorPrompt } from "../ai/prompts/tutor";
import { connectModelHint } from "../ai/offline-model";
import { describeModel, modelFor, type ModelProvider, type ResolvedModel } from "../ai/registry";
import { streamTutorReply, type TutorReply, type TutorReplyStream } from "../ai/tutor-stream";
import type { Actor, MaybeActor } from "../auth/actor";
import { requireActor } from "../auth/permissions";
import { appNow } from "../clock";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordAiUsage } from "./ai-usage";
import { requireCohort, type CohortAccess } from "./courses/access";
import { touchLearner } from "./courses/progress";
import { maxHistoryMessages, selectHistory, toModelMessages } from "./tutor-history";
import { loadTutorLesson, lockedMessage, tutorPromptContext } from "./tutor-lesson";

/**
 * The lesson tutor: one conversation per learner, cohort and lesson, kept on
 * the server. The client sends only its new message; the history the model
 * sees is read back from the transcript, so nobody can put words in the
 * tutor's mouth by editing the client's copy.
 *
 * A turn: check the learner and the lesson (published, open for them), save
 * the learner's message, stream the model's reply, then save the reply with
 * its model, tokens and latency and meter the tokens (ai-usage.ts). A failed
 * or stopped reply is saved too, with `error` set, so the transcript shows
 * what happened; its tokens are unknown, so nothing is metered for it.
 */

type Tx = Prisma.TransactionClient;

export interface TutorMessageDTO {
  id: string;
  seq: number;
  role: TutorRole;
  content: string;
  /** The model that wrote an assistant message. */
  model: string | null;
  /** Set when the reply failed or was stopped: what the learner was told. */
  error: string | null;
  latencyMs: number | null;
  createdAt: Date;
}

export interface TutorConversationDTO {
  messages: TutorMessageDTO[];
  /** Older messages exist before the first one returned (ask again with `beforeSeq`). */
  hasEarlier: boolean;
}

export interface TutorInfoDTO {
  model: { id: string; label: string; provider: ModelProvider; offline: boolean };
  /** How an administrator connects a model, shown when the offline model answers. */
  connectHint: string | null;
  /** Whether this person is a learner of the cohort (has a conversation); others see the panel as a preview. */
  learner: boolean;
  /** Whether this person may send messages here now. */
  canSend: boolean;
  /** Why not, when they may not. */
  notice: string | null;
}

/** A question without a saved answer younger than this means a reply is still being written. */
export const replyInFlightMs = 2 * 60_000;

export const previewNotice = "You are viewing as a learner: the tutor is shown as learners see it, but only learners of the cohort can send it messages.";
export const archivedNotice = "This cohort has ended, so the tutor no longer takes new messages. Your conversation stays here to read.";

// ---------------------------------------------------------------------------
// Reading

/** Which model answers here and whether the actor may chat: for anyone who can see the cohort, including teachers previewing. */
export async function tutorInfo(actor: MaybeActor, input: unknown): Promise<TutorInfoDTO> {
  requireActor(actor);
  const target = parseInput(tutorTargetSchema, input);
  const cohort = await requireCohort(actor, target.cohortId, "read");
  const now = await appNow();
  const isLearner = cohort.member?.role === "learner";
  const lesson = await loadTutorLesson(cohort, target.itemId, now, isLearner ? (cohort.member?.joinedAt ?? null) : null);
  const model = describeModel("tutor");
  let notice: string | null = null;
  if (!isLearner) notice = previewNotice;
  else if (cohort.archivedAt) notice = archivedNotice;
  else if (!lesson.availability.unlocked) notice = lockedMessage(lesson.availability, cohort.timeZone);
  return { model, connectHint: model.offline ? connectModelHint : null, learner: isLearner, canSend: notice === null, notice };
}

/** The learner's own conversation about a lesson, newest page first, in order; empty when none was started. */
export async function getConversation(actor: MaybeActor, input: unknown): Promise<TutorConversationDTO> {
  requireActor(actor);
  const { cohortId, itemId, beforeSeq } = parseInput(tutorHistoryInputSchema, input);
  const cohort = await requireTutorLearner(actor, cohortId, { ended: "allowed" });
  await loadTutorLesson(cohort, itemId, await appNow(), cohort.member.joinedAt);
  const conversation = await db().tutorConversation.findUnique({
    where: { userId_cohortId_itemId: { userId: actor.userId, cohortId, itemId } },
    select: { id: true },
  });
  if (!conversation) return { messages: [], hasEarlier: false };
  const rows = await db().tutorMessage.findMany({
    where: { conversationId: conversation.id, ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}) },
    orderBy: { seq: "desc" },
    take: tutorHistoryPageSize + 1,
    select: { id: true, seq: true, role: true, content: true, model: true, error: true, latencyMs: true, createdAt: true },
  });
  const page = rows.slice(0, tutorHistoryPageSize).reverse();
  return { messages: page.map(toDTO), hasEarlier: rows.length > tutorHistoryPageSize };
}

/** Starts over: the learner's conversation about the lesson is deleted (tokens already metered stay metered). */
export async function clearConversation(actor: MaybeActor, input: unknown): Promise<{ deleted: number }> {
  requireActor(actor);
  const { cohortId, itemId } = parseInput(tutorTargetSchema, input);
  const cohort = await requireTutorLearner(actor, cohortId, { ended: "refused" });
  await loadTutorLesson(cohort, itemId, await appNow(), cohort.member.joinedAt);
  const deleted = await db().tutorConversation.deleteMany({ where: { userId: actor.userId, cohortId, itemId } });
  return { deleted: deleted.count };
}

/**
 * The tutor's own wording of requireLearner (./courses/access.ts): who can
 * see the cohort but is not one of its learners is told why, and an ended
 * cohort's conversations stay readable where `ended` allows it.
 */
async function requireTutorLearner(actor: Actor, cohortId: string, options: { ended: "allowed" | "refused" }): Promise<CohortAccess & { member: NonNullable<CohortAccess["member"]> }> {
  const cohort = await requireCohort(actor, cohortId, "read");
  const member = cohort.member;
  if (member?.role !== "learner") {
    throw new AppError("forbidden", "Only learners of this cohort can chat with the tutor. Teachers can try it with “View as learner”, where sending is off.");
  }
  if (cohort.archivedAt && options.ended === "refused") throw new AppError("conflict", archivedNotice);
  return { ...cohort, member };
}

function toDTO(row: { id: string; seq: number; role: string; content: string; model: string | null; error: string | null; latencyMs: number | null; createdAt: Date }): TutorMessageDTO {
  return { ...row, role: row.role === "user" ? "user" : "assistant" };
}

// ---------------------------------------------------------------------------
// A turn

export interface SendTutorMessageOptions {
  /** Default: the registry's tutor model. Tests pass a mock. */
  model?: ResolvedModel;
  /** Aborts the reply (the HTTP request's signal). */
  abortSignal?: AbortSignal;
  maxRetries?: number;
}

export interface TutorTurn extends TutorReplyStream {
  userMessageId: string;
  assistantMessageId: string;
}

/**
 * Saves the learner's message and starts the reply. Throws AppError before
 * anything is saved when the actor may not chat here or the message is not
 * valid; after that, every outcome of the model call is saved through the
 * returned stream's `settled`.
 */
export async function sendTutorMessage(actor: MaybeActor, input: unknown, options: SendTutorMessageOptions = {}): Promise<TutorTurn> {
  requireActor(actor);
  const { cohortId, itemId, message } = parseInput(tutorMessageInputSchema, input);
  const cohort = await requireTutorLearner(actor, cohortId, { ended: "refused" });
  const userId = actor.userId;
  const now = await appNow();
  const lesson = await loadTutorLesson(cohort, itemId, now, cohort.member.joinedAt);
  if (!lesson.availability.unlocked) throw new AppError("forbidden", lockedMessage(lesson.availability, cohort.timeZone));

  const model = options.model ?? modelFor("tutor");
  const { conversationId, userMessageId } = await saveLearnerMessage({ cohortId, itemId, userId, content: message, at: now });
  const [history, promptInput] = await Promise.all([
    modelHistory(conversationId),
    tutorPromptContext({ cohortId, userId, courseTitle: cohort.course.title, lesson }),
  ]);
  const { system } = buildTutorPrompt(promptInput);

  const assistantMessageId = randomUUID();
  const turn = streamTutorReply({
    model,
    instructions: system,
    messages: history,
    messageId: assistantMessageId,
    abortSignal: options.abortSignal,
    maxRetries: options.maxRetries,
    onSettled: (reply) => saveReply({ conversationId, messageId: assistantMessageId, cohort, userId, model, reply }),
  });
  return { ...turn, userMessageId, assistantMessageId };
}

async function saveLearnerMessage(input: { cohortId: string; itemId: string; userId: string; content: string; at: Date }): Promise<{ conversationId: string; userMessageId: string }> {
  const { cohortId, itemId, userId, content, at } = input;
  const conversation = await upsertConversation(userId, cohortId, itemId);
  return db().$transaction(async (tx) => {
    const last = await lockAndReadLast(tx, conversation.id, at);
    if (last?.role === "user" && at.getTime() - last.createdAt.getTime() < replyInFlightMs) {
      throw new AppError("conflict", "The tutor is still answering your previous message: wait for the answer, or stop it, before sending another.");
    }
    const created = await tx.tutorMessage.create({
      data: { conversationId: conversation.id, seq: (last?.seq ?? 0) + 1, role: "user", content, createdAt: at },
      select: { id: true },
    });
    // Asking the tutor is learning activity: it counts for the streak and for "last active".
    await touchLearner(tx, { cohortId, userId, itemId, at });
    return { conversationId: conversation.id, userMessageId: created.id };
  });
}

async function upsertConversation(userId: string, cohortId: string, itemId: string): Promise<{ id: string }> {
  const where = { userId_cohortId_itemId: { userId, cohortId, itemId } };
  try {
    return await db().tutorConversation.upsert({ where, create: { userId, cohortId, itemId }, update: {}, select: { id: true } });
  } catch (error) {
    // Two first messages at once: the other request created it.
    const existing = await db().tutorConversation.findUnique({ where, select: { id: true } });
    if (existing) return existing;
    throw error;
  }
}

/**
 * Locks the conversation row for the rest of the transaction, so two writers
 * never pick the same seq, and returns its last message. Null also when the
 * conversation is gone (cleared meanwhile): callers check with `exists`.
 */
async function lockAndReadLast(tx: Tx, conversationId: string, at: Date): Promise<{ seq: number; role: string; createdAt: Date } | null> {
  await tx.tutorConversation.update({ where: { id: conversationId }, data: { updatedAt: at }, select: { id: true } });
  return tx.tutorMessage.findFirst({ where: { conversationId }, orderBy: { seq: "desc" }, select: { seq: true, role: true, createdAt: true } });
}

/** The stored turns the model is shown with the new question (./tutor-history.ts). */
async function modelHistory(conversationId: string): Promise<ModelMessage[]> {
  const rows = await db().tutorMessage.findMany({
    where: { conversationId, content: { not: "" } },
    orderBy: { seq: "desc" },
    take: maxHistoryMessages,
    select: { role: true, content: true },
  });
  return toModelMessages(selectHistory(rows));
}

async function saveReply(input: {
  conversationId: string;
  messageId: string;
  cohort: Pick<CohortAccess, "orgId">;
  userId: string;
  model: ResolvedModel;
  reply: TutorReply;
}): Promise<TutorMessageMetadata> {
  const { conversationId, messageId, cohort, userId, model, reply } = input;
  const at = await appNow();
  return db().$transaction(async (tx) => {
    // Tokens were spent whatever becomes of the transcript.
    if (reply.inputTokens !== null) {
      await recordAiUsage(
        { orgId: cohort.orgId, userId, purpose: "tutor", model, inputTokens: reply.inputTokens, outputTokens: reply.outputTokens ?? 0 },
        tx,
      );
    }
    const exists = await tx.tutorConversation.findUnique({ where: { id: conversationId }, select: { id: true } });
    // Cleared while the reply was being written: there is no transcript left to add it to.
    if (!exists) return { model: reply.modelId, latencyMs: reply.latencyMs };
    const last = await lockAndReadLast(tx, conversationId, at);
    const seq = (last?.seq ?? 0) + 1;
    await tx.tutorMessage.create({
      data: {
        id: messageId,
        conversationId,
        seq,
        role: "assistant",
        content: reply.text,
        model: reply.modelId,
        inputTokens: reply.inputTokens,
        outputTokens: reply.outputTokens,
        latencyMs: reply.latencyMs,
        error: reply.error?.message ?? null,
        createdAt: at,
      },
    });
    return { seq, model: reply.modelId, latencyMs: reply.latencyMs, createdAt: at.toISOString(), ...(reply.error ? { error: reply.error.message } : {}) };
  });
}
