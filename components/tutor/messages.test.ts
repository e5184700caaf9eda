import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { describeChatFailure, markLastTurn, messageText, toUIMessages, withoutUnsavedQuestion, type TutorUIMessage } from "./messages";

const at = new Date("2026-03-02T10:00:00Z");

const user = (id: string, text: string): TutorUIMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const assistant = (id: string, text: string): TutorUIMessage => ({ id, role: "assistant", parts: text ? [{ type: "text", text }] : [] });

describe("toUIMessages", () => {
  it("turns stored turns into chat messages, keeping a failed turn's error and no empty text part", () => {
    const messages = toUIMessages([
      { id: "u1", seq: 1, role: "user", content: "Hi", model: null, error: null, latencyMs: null, createdAt: at },
      { id: "a1", seq: 2, role: "assistant", content: "", model: "llama3.2", error: "The AI server is busy.", latencyMs: 40, createdAt: at },
    ]);
    expect(messages).toEqual([
      { id: "u1", role: "user", parts: [{ type: "text", text: "Hi" }], metadata: { seq: 1, model: undefined, error: undefined, latencyMs: undefined, createdAt: at.toISOString() } },
      { id: "a1", role: "assistant", parts: [], metadata: { seq: 2, model: "llama3.2", error: "The AI server is busy.", latencyMs: 40, createdAt: at.toISOString() } },
    ]);
    expect(messageText(messages[0]!)).toBe("Hi");
  });
});

describe("describeChatFailure", () => {
  it("reads the route's JSON message from a refused request: nothing was saved", () => {
    const refused = new APICallError({
      message: '{"error":"You have sent the tutor 20 messages in the last minute. Wait 12 seconds and send it again.","code":"rate_limited"}',
      url: "/api/tutor",
      requestBodyValues: undefined,
      statusCode: 429,
      responseBody: '{"error":"You have sent the tutor 20 messages in the last minute. Wait 12 seconds and send it again.","code":"rate_limited"}',
    });
    expect(describeChatFailure(refused)).toEqual({ message: "You have sent the tutor 20 messages in the last minute. Wait 12 seconds and send it again.", saved: false });
  });

  it("does not show a proxy's HTML page", () => {
    const html = new APICallError({ message: "<html>Bad gateway</html>", url: "/api/tutor", requestBodyValues: undefined, statusCode: 502, responseBody: "<html>Bad gateway</html>" });
    expect(describeChatFailure(html)).toEqual({ message: "The tutor could not answer. Check your connection and try again.", saved: false });
  });

  it("treats a streamed model failure as saved, and a lost connection as not", () => {
    expect(describeChatFailure(new Error("The AI server at http://localhost:11434/v1 is busy; try again in a minute."))).toEqual({
      message: "The AI server at http://localhost:11434/v1 is busy; try again in a minute.",
      saved: true,
    });
    expect(describeChatFailure(new TypeError("Failed to fetch")).saved).toBe(false);
  });
});

describe("markLastTurn", () => {
  it("puts the error on the reply that failed, or adds an empty reply when none came", () => {
    const partial = markLastTurn([user("u", "Q"), assistant("a", "Half")], "Stopped.", () => "new");
    expect(partial.at(-1)).toMatchObject({ id: "a", metadata: { error: "Stopped." } });
    const none = markLastTurn([user("u", "Q")], "Stopped.", () => "new");
    expect(none).toHaveLength(2);
    expect(none.at(-1)).toEqual({ id: "new", role: "assistant", parts: [], metadata: { error: "Stopped." } });
    expect(markLastTurn([], "x", () => "n")).toEqual([]);
  });
});

describe("withoutUnsavedQuestion", () => {
  it("takes the refused question out of the list so its text can go back in the box", () => {
    expect(withoutUnsavedQuestion([assistant("a", "Hello"), user("u", "Too fast")])).toEqual({ messages: [assistant("a", "Hello")], text: "Too fast" });
    expect(withoutUnsavedQuestion([user("u", "Q"), assistant("a", "A")]).text).toBeNull();
  });
});
