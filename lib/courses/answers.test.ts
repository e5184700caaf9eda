import { describe, expect, it } from "vitest";
import { checkShortAnswer, normaliseShortAnswer, scoreAnswer, scoreMultipleChoice, withinTolerance } from "./answers";
import { isAppError } from "../errors";
import { questionSchema, type MultipleChoiceQuestion, type Question } from "../schemas/courses";

const choices = [
  { id: "a", text: "2" },
  { id: "b", text: "3" },
  { id: "c", text: "4" },
  { id: "d", text: "5" },
];
const single = questionSchema.parse({ id: "s", kind: "single_choice", prompt: "Even prime?", points: 2, choices, answerKey: { correctChoiceIds: ["a"] } });
const multiple = (partialCredit: boolean) =>
  questionSchema.parse({ id: "m", kind: "multiple_choice", prompt: "Primes?", points: 3, partialCredit, choices, answerKey: { correctChoiceIds: ["a", "b", "d"] } }) as MultipleChoiceQuestion;
const text = (accepted: string[], options: { caseSensitive?: boolean; numericTolerance?: number | null } = {}): Question =>
  questionSchema.parse({ id: "t", kind: "short_answer", prompt: "?", options, answerKey: { acceptedAnswers: accepted } });

describe("normaliseShortAnswer", () => {
  it("trims, collapses whitespace, applies NFKC and folds case", () => {
    expect(normaliseShortAnswer("  The   Eiffel\tTower \n", { caseSensitive: false })).toBe("the eiffel tower");
    expect(normaliseShortAnswer("ＡＢＣ", { caseSensitive: false })).toBe("abc");
    expect(normaliseShortAnswer("ﬁsh", { caseSensitive: false })).toBe("fish");
    expect(normaliseShortAnswer("Straße", { caseSensitive: false })).toBe(normaliseShortAnswer("STRASSE", { caseSensitive: false }));
    expect(normaliseShortAnswer("Ada", { caseSensitive: true })).toBe("Ada");
  });

  it("strips trailing sentence punctuation but keeps symbols that are part of the answer", () => {
    expect(normaliseShortAnswer("Paris.", { caseSensitive: false })).toBe("paris");
    expect(normaliseShortAnswer("Paris !?", { caseSensitive: false })).toBe("paris");
    expect(normaliseShortAnswer("mitochondria…", { caseSensitive: false })).toBe("mitochondria");
    expect(normaliseShortAnswer("C#", { caseSensitive: false })).toBe("c#");
    expect(normaliseShortAnswer("C++", { caseSensitive: false })).toBe("c++");
    expect(normaliseShortAnswer("U.S.A.", { caseSensitive: false })).toBe("u.s.a");
  });
});

describe("short answers", () => {
  it("matches normalised text against any accepted answer", () => {
    const options = { caseSensitive: false, numericTolerance: null };
    expect(checkShortAnswer("  paris. ", ["Paris"], options)).toBe("correct");
    expect(checkShortAnswer("Lutetia", ["Paris", "Lutetia"], options)).toBe("correct");
    expect(checkShortAnswer("London", ["Paris"], options)).toBe("incorrect");
    expect(checkShortAnswer("   ", ["Paris"], options)).toBe("empty");
    expect(checkShortAnswer("...", ["Paris"], options)).toBe("empty");
  });

  it("respects case sensitivity when the question asks for it", () => {
    expect(checkShortAnswer("NaCl", ["NaCl"], { caseSensitive: true, numericTolerance: null })).toBe("correct");
    expect(checkShortAnswer("nacl", ["NaCl"], { caseSensitive: true, numericTolerance: null })).toBe("incorrect");
  });

  it("reads numbers either way without a tolerance: 3,5 is 3.5", () => {
    expect(checkShortAnswer("3,5", ["3.5"], { caseSensitive: false, numericTolerance: null })).toBe("correct");
    expect(checkShortAnswer("1e3", ["1000"], { caseSensitive: false, numericTolerance: null })).toBe("correct");
    expect(checkShortAnswer("3.51", ["3.5"], { caseSensitive: false, numericTolerance: null })).toBe("incorrect");
  });

  it("compares numbers within the tolerance, and asks for a number when it gets text", () => {
    const options = { caseSensitive: false, numericTolerance: 0.05 };
    expect(checkShortAnswer("3,14", ["3.14159"], options)).toBe("correct");
    expect(checkShortAnswer("3.19", ["3.14159"], options)).toBe("correct");
    expect(checkShortAnswer("3.2", ["3.14159"], options)).toBe("incorrect");
    expect(checkShortAnswer("pi", ["3.14159"], options)).toBe("not_a_number");
    expect(checkShortAnswer("", ["3.14159"], options)).toBe("empty");
  });

  it("treats a tolerance of 0 as exact, with room for floating-point rounding", () => {
    expect(checkShortAnswer("0.3", ["0.3"], { caseSensitive: false, numericTolerance: 0 })).toBe("correct");
    expect(withinTolerance(0.1 + 0.2, 0.3, 0)).toBe(true);
    expect(withinTolerance(0.3001, 0.3, 0)).toBe(false);
  });

  it("scores through scoreAnswer", () => {
    expect(scoreAnswer(text(["42"], { numericTolerance: 0 }), { kind: "short_answer", text: "42." })).toMatchObject({ outcome: "correct", fraction: 1, points: 1 });
  });
});

describe("choices", () => {
  it("scores a single choice", () => {
    expect(scoreAnswer(single, { kind: "single_choice", choiceId: "a" })).toEqual({ questionId: "s", kind: "single_choice", outcome: "correct", fraction: 1, points: 2, maxPoints: 2 });
    expect(scoreAnswer(single, { kind: "single_choice", choiceId: "b" })).toMatchObject({ outcome: "incorrect", fraction: 0, points: 0 });
  });

  it("needs the exact set for multiple choice without partial credit", () => {
    const q = multiple(false);
    expect(scoreMultipleChoice(q, ["d", "a", "b"])).toEqual({ fraction: 1, outcome: "correct" });
    expect(scoreMultipleChoice(q, ["a", "b"])).toEqual({ fraction: 0, outcome: "incorrect" });
    expect(scoreMultipleChoice(q, ["a", "b", "c", "d"])).toEqual({ fraction: 0, outcome: "incorrect" });
    expect(scoreMultipleChoice(q, [])).toEqual({ fraction: 0, outcome: "empty" });
  });

  it("gives partial credit as (right - wrong) / correct, never below zero", () => {
    const q = multiple(true);
    expect(scoreMultipleChoice(q, ["a", "b"]).fraction).toBeCloseTo(2 / 3);
    expect(scoreMultipleChoice(q, ["a", "b"]).outcome).toBe("partially_correct");
    expect(scoreMultipleChoice(q, ["a", "b", "c"]).fraction).toBeCloseTo(1 / 3);
    expect(scoreMultipleChoice(q, ["a", "b", "c", "d"]).fraction).toBeCloseTo(2 / 3);
    expect(scoreMultipleChoice(q, ["a", "c"])).toEqual({ fraction: 0, outcome: "incorrect" });
    expect(scoreMultipleChoice(q, ["c"])).toEqual({ fraction: 0, outcome: "incorrect" });
    expect(scoreAnswer(q, { kind: "multiple_choice", choiceIds: ["a", "b"] })).toMatchObject({ points: 2 });
  });

  it("refuses a choice that is not part of the question", () => {
    expect(() => scoreAnswer(single, { kind: "single_choice", choiceId: "z" })).toThrow(/not part of this question/);
    expect(() => scoreAnswer(multiple(true), { kind: "multiple_choice", choiceIds: ["a", "z"] })).toThrow(/not part of this question/);
  });
});

describe("scoreAnswer", () => {
  it("leaves subjective and code answers for review", () => {
    const subjective = questionSchema.parse({
      id: "w",
      kind: "subjective",
      prompt: "Explain.",
      points: 5,
      rubric: { criteria: [{ id: "c", title: "C", description: "d", min: 0, max: 2, pass: 1 }] },
    });
    expect(scoreAnswer(subjective, { kind: "subjective", text: "An answer." })).toEqual({ questionId: "w", kind: "subjective", outcome: "needs_review", fraction: null, points: null, maxPoints: 5 });
    const code = questionSchema.parse({ id: "k", kind: "code", prompt: "Code.", language: "go" });
    expect(scoreAnswer(code, { kind: "code", code: "package main" })).toMatchObject({ outcome: "needs_review", points: null });
  });

  it("refuses an answer of another kind with a message to act on", () => {
    try {
      scoreAnswer(single, { kind: "short_answer", text: "a" });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("invalid");
      expect((error as Error).message).toBe("This answer is for another kind of question than this single-choice one. Reload the page and answer again.");
    }
  });
});
