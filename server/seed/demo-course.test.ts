import { describe, expect, it } from "vitest";
import { itemContentSchema, type QuizContent } from "@/lib/schemas/course-content";
import { questionKinds } from "@/lib/schemas/courses";
import { demoModules } from "./demo-course";

describe("the demo course", () => {
  const items = demoModules.flatMap((m) => m.items);
  const parsed = items.map((item) => itemContentSchema.parse(item.content));

  it("has at least three modules and every item is valid content", () => {
    expect(demoModules.length).toBeGreaterThanOrEqual(3);
    expect(parsed).toHaveLength(items.length);
  });

  it("uses every question type, both quiz modes, lessons and an assignment", () => {
    const quizzes = parsed.filter((c): c is QuizContent => c.kind === "quiz");
    const kinds = new Set(quizzes.flatMap((q) => q.questions.map((question) => question.kind)));
    expect([...kinds].sort()).toEqual([...questionKinds].sort());
    expect(new Set(quizzes.map((q) => q.mode))).toEqual(new Set(["practice", "exam"]));
    expect(parsed.some((c) => c.kind === "lesson")).toBe(true);
    expect(parsed.some((c) => c.kind === "assignment")).toBe(true);
  });
});
