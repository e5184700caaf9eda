import { describe, expect, it } from "vitest";
import { selectHistory, toModelMessages } from "./tutor-history";

const turn = (role: string, chars: number, tag = "") => ({ role, content: `${tag}${"x".repeat(Math.max(0, chars - tag.length))}` });

describe("selectHistory", () => {
  it("keeps the newest turns that fit the budget, oldest first", () => {
    // 400 characters is about 100 tokens.
    const newestFirst = [turn("user", 400, "q3"), turn("assistant", 400, "a2"), turn("user", 400, "q2"), turn("assistant", 400, "a1")];
    expect(selectHistory(newestFirst, 250).map((t) => t.content.slice(0, 2))).toEqual(["a2", "q3"]);
    expect(selectHistory(newestFirst, 10_000)).toHaveLength(4);
  });

  it("always keeps the new question, even when it alone is over the budget", () => {
    expect(selectHistory([turn("user", 40_000, "big"), turn("assistant", 4)], 100).map((t) => t.content.slice(0, 3))).toEqual(["big"]);
  });

  it("skips turns without text (a reply that failed before writing anything)", () => {
    expect(selectHistory([turn("user", 8, "q2"), { role: "assistant", content: "" }, turn("user", 8, "q1")]).map((t) => t.content.slice(0, 2))).toEqual(["q1", "q2"]);
  });
});

describe("toModelMessages", () => {
  it("maps stored roles to model messages", () => {
    expect(toModelMessages([{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }])).toEqual([
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
    ]);
  });
});
