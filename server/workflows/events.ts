import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { z } from "zod";
import { db } from "../db";
import { isJsonObject, toJson, type JsonObject } from "./json";

/**
 * The embedded executor's event API: what `inngest.send()` and `step.sendEvent`
 * reach when no Inngest server is configured (the client's fetch routes
 * `POST /e/<key>` here). An event is stored once; a worker then starts the
 * functions it triggers, resumes runs waiting for it and cancels runs it
 * cancels. App code keeps calling `inngest.send()`.
 */
export const workflowEventSchema = z.looseObject({
  name: z.string().trim().min(1, "An event needs a name.").max(200),
  data: z.record(z.string(), z.unknown()).optional(),
  id: z.string().trim().min(1).max(200).optional(),
  ts: z.number().int().nonnegative().optional(),
  v: z.string().optional(),
});
export type WorkflowEventInput = z.input<typeof workflowEventSchema>;

export interface StoredEvent {
  id: string;
  name: string;
  payload: JsonObject;
}

/** Local workers listen here so an event sent in this process is handled without waiting for the next poll. */
export const workflowWakeups = new EventEmitter();
workflowWakeups.setMaxListeners(100);

export function toStoredEvent(input: WorkflowEventInput, nowMs: number = Date.now()): StoredEvent {
  const event = workflowEventSchema.parse(input);
  const id = event.id ?? randomUUID();
  const payload = toJson({ ...event, id, data: event.data ?? {}, ts: event.ts ?? nowMs });
  if (!isJsonObject(payload)) throw new Error("An event must be a JSON object.");
  return { id, name: event.name, payload };
}

/**
 * Stores events for the workers. An event whose `id` was seen before is
 * ignored (Inngest's event deduplication); its id is still returned.
 */
export async function sendEvent(
  events: WorkflowEventInput | WorkflowEventInput[],
  options: { receivedAt?: Date } = {},
): Promise<{ ids: string[] }> {
  const list = (Array.isArray(events) ? events : [events]).map((e) => toStoredEvent(e));
  if (list.length === 0) return { ids: [] };
  await db().workflowEvent.createMany({
    data: list.map((e) => ({ id: e.id, name: e.name, payload: e.payload, ...(options.receivedAt ? { receivedAt: options.receivedAt } : {}) })),
    skipDuplicates: true,
  });
  workflowWakeups.emit("events");
  return { ids: list.map((e) => e.id) };
}
