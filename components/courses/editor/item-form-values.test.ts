import { describe, expect, it } from "vitest";
import { questionSchema } from "@/lib/schemas/courses";
import { freeId, fromLocalInput, moveEntry, newQuestion, nextChoiceId, optionalNumber, requiredNumber, toLocalInput } from "./item-form-values";

describe("dates in the author's zone", () => {
  it("converts a wall-clock time in the zone to the instant and back", () => {
    expect(fromLocalInput("2026-07-01T09:30", "Europe/Brussels")).toBe("2026-07-01T07:30:00.000Z");
    expect(fromLocalInput("2026-01-15T09:30", "America/New_York")).toBe("2026-01-15T14:30:00.000Z");
    expect(toLocalInput("2026-07-01T07:30:00.000Z", "Europe/Brussels")).toBe("2026-07-01T09:30");
    expect(toLocalInput(new Date("2026-01-15T14:30:00Z"), "America/New_York")).toBe("2026-01-15T09:30");
  });
  it("treats empty as no date, and hands anything unreadable to the schema as typed", () => {
    expect(fromLocalInput("  ", "UTC")).toBeNull();
    expect(fromLocalInput("next tuesday", "UTC")).toBe("next tuesday");
    expect(toLocalInput(null, "UTC")).toBe("");
  });
});

describe("numbers typed in fields", () => {
  it("keeps empty optional numbers null and empty required ones NaN", () => {
    expect(optionalNumber("")).toBeNull();
    expect(optionalNumber("3")).toBe(3);
    expect(requiredNumber("")).toBeNaN();
    expect(requiredNumber("2.5")).toBe(2.5);
  });
});

describe("new questions", () => {
  it("gives each a free id and fails validation only on what the author must fill in", () => {
    const q = newQuestion("single_choice", ["q1", "q2"]);
    expect(q.id).toBe("q3");
    const result = questionSchema.safeParse(q);
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["prompt", "choices.0.text", "answerKey.correctChoiceIds"]));
    for (const kind of ["multiple_choice", "short_answer", "subjective", "code"] as const) expect(newQuestion(kind, []).kind).toBe(kind);
  });
  it("names choices a, b, c … and then numbers them", () => {
    expect(nextChoiceId(["a", "b"])).toBe("c");
    expect(nextChoiceId("abcdefghijklmnopqrstuvwxyz".split(""))).toBe("c1");
    expect(freeId("c", ["c1", "c3"])).toBe("c2");
  });
  it("moves list entries one step, and not past the ends", () => {
    expect(moveEntry(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveEntry(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
  });
});
