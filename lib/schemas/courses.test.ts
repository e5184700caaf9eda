import { describe, expect, it } from "vitest";
import { answerSchema, dripSettingsSchema, parseNumberLoose, questionSchema, rubricSchema, type QuestionInput } from "./courses";

function messages(input: unknown, schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } } = questionSchema): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : (result.error?.issues ?? []).map((i) => i.message);
}

const choices = [
  { id: "a", text: "Paris" },
  { id: "b", text: "Lyon" },
  { id: "c", text: "Nice" },
];

const criterion = { id: "thesis", title: "Thesis", description: "States a clear position.", min: 0, max: 4, pass: 2 };

describe("question definitions", () => {
  it("accepts one of each kind and fills defaults", () => {
    const inputs: QuestionInput[] = [
      { id: "q1", kind: "single_choice", prompt: "Capital of France?", choices, answerKey: { correctChoiceIds: ["a"] } },
      { id: "q2", kind: "multiple_choice", prompt: "Cities in France?", choices, answerKey: { correctChoiceIds: ["a", "b"] } },
      { id: "q3", kind: "short_answer", prompt: "2 + 1.5?", options: { caseSensitive: false, numericTolerance: 0.01 }, answerKey: { acceptedAnswers: ["3.5"] } },
      { id: "q4", kind: "subjective", prompt: "Argue.", rubric: { criteria: [criterion] } },
      { id: "q5", kind: "code", prompt: "Write fizzbuzz.", language: "python" },
    ];
    const parsed = inputs.map((q) => questionSchema.parse(q));
    expect(parsed.map((q) => q.points)).toEqual([1, 1, 1, 1, 1]);
    expect(parsed[1]).toMatchObject({ partialCredit: false });
    expect(parsed[4]).toMatchObject({ starterCode: "", referenceTests: null });
    const shortAnswer = questionSchema.parse({ id: "q6", kind: "short_answer", prompt: "Name?", answerKey: { acceptedAnswers: ["Ada"] } });
    expect(shortAnswer).toMatchObject({ options: { caseSensitive: false, numericTolerance: null } });
  });

  it("needs at least two choices with distinct ids", () => {
    expect(messages({ id: "q", kind: "single_choice", prompt: "?", choices: [choices[0]], answerKey: { correctChoiceIds: ["a"] } })).toContain("Add at least 2 choices.");
    expect(messages({ id: "q", kind: "single_choice", prompt: "?", choices: [choices[0], choices[0]], answerKey: { correctChoiceIds: ["a"] } })).toContain(
      "Each choice needs its own id; repeated: a.",
    );
  });

  it("gives a single-choice question exactly one correct choice, and names unknown ones", () => {
    expect(messages({ id: "q", kind: "single_choice", prompt: "?", choices, answerKey: { correctChoiceIds: ["a", "b"] } })).toContain(
      "A single-choice question has exactly one correct choice.",
    );
    expect(messages({ id: "q", kind: "multiple_choice", prompt: "?", choices, answerKey: { correctChoiceIds: ["a", "z"] } })).toContain(
      "The answer key names choices that do not exist: z.",
    );
    expect(messages({ id: "q", kind: "multiple_choice", prompt: "?", choices, answerKey: { correctChoiceIds: [] } })).toContain("Mark the correct choice.");
  });

  it("refuses numeric tolerance with accepted answers that are not numbers", () => {
    expect(
      messages({ id: "q", kind: "short_answer", prompt: "?", options: { numericTolerance: 0.1 }, answerKey: { acceptedAnswers: ["3,5", "three"] } }),
    ).toEqual(['With a numeric tolerance, every accepted answer must be a number; not numbers: "three".']);
    expect(messages({ id: "q", kind: "short_answer", prompt: "?", options: { numericTolerance: -1 }, answerKey: { acceptedAnswers: ["3"] } })).toContain(
      "The tolerance cannot be negative.",
    );
  });

  it("knows its code languages and question kinds", () => {
    expect(messages({ id: "q", kind: "code", prompt: "?", language: "cobol" })[0]).toMatch(/^Choose a language: python, javascript/);
    expect(messages({ id: "q", kind: "essay", prompt: "?" })[0]).toMatch(/^Choose a question type/);
  });
});

describe("rubrics", () => {
  it("needs min < max and the pass mark within them", () => {
    expect(messages({ criteria: [{ ...criterion, min: 4, max: 4 }] }, rubricSchema)).toEqual(['"Thesis": the highest score must be above the lowest (4).']);
    expect(messages({ criteria: [{ ...criterion, pass: 5 }] }, rubricSchema)).toEqual(['"Thesis": the pass mark must be between 0 and 4.']);
    expect(messages({ criteria: [{ ...criterion, pass: 0 }] }, rubricSchema)).toEqual([]);
    expect(messages({ criteria: [{ ...criterion, pass: 4 }] }, rubricSchema)).toEqual([]);
  });

  it("holds 1 to 12 criteria with distinct ids", () => {
    expect(messages({ criteria: [] }, rubricSchema)).toEqual(["Add at least one criterion to the rubric."]);
    const many = Array.from({ length: 13 }, (_, i) => ({ ...criterion, id: `c${i}` }));
    expect(messages({ criteria: many }, rubricSchema)).toEqual(["Use at most 12 criteria."]);
    expect(messages({ criteria: many.slice(0, 12) }, rubricSchema)).toEqual([]);
    expect(messages({ criteria: [criterion, criterion] }, rubricSchema)).toEqual(["Each criterion needs its own id; repeated: thesis."]);
  });
});

describe("learner answers", () => {
  it("parses each kind and de-duplicates multiple choices", () => {
    expect(answerSchema.parse({ kind: "multiple_choice", choiceIds: ["a", "b", "a"] })).toEqual({ kind: "multiple_choice", choiceIds: ["a", "b"] });
    expect(answerSchema.parse({ kind: "short_answer", text: " 3,5 " })).toEqual({ kind: "short_answer", text: " 3,5 " });
  });

  it("carries no score: extra fields from the client are dropped", () => {
    expect(answerSchema.parse({ kind: "single_choice", choiceId: "a", score: 100, correct: true })).toEqual({ kind: "single_choice", choiceId: "a" });
  });

  it("refuses an unknown kind and over-long answers", () => {
    expect(messages({ kind: "vote", text: "x" }, answerSchema)).toEqual(["This answer does not match any question type. Reload the page."]);
    expect(messages({ kind: "short_answer", text: "x".repeat(501) }, answerSchema)).toEqual(["Keep your answer to 500 characters or fewer."]);
  });
});

describe("drip settings", () => {
  it("takes every 1..52 days or weeks from the cohort start or the join date", () => {
    expect(dripSettingsSchema.parse({ every: 1, unit: "week", anchor: "cohort_start" })).toEqual({ every: 1, unit: "week", anchor: "cohort_start" });
    expect(messages({ every: 0, unit: "day", anchor: "join_date" }, dripSettingsSchema)).toEqual(["Release at least every 1 day or week."]);
    expect(messages({ every: 53, unit: "day", anchor: "join_date" }, dripSettingsSchema)).toEqual(["Release at most every 52 days or weeks."]);
    expect(messages({ every: 1.5, unit: "day", anchor: "join_date" }, dripSettingsSchema)).toEqual(["Release every whole number of days or weeks."]);
    expect(messages({ every: 2, unit: "month", anchor: "join_date" }, dripSettingsSchema)).toEqual(['Choose "day" or "week".']);
  });
});

describe("parseNumberLoose", () => {
  it.each([
    ["3.5", 3.5],
    ["3,5", 3.5],
    [" -2 ", -2],
    ["\u22124", -4],
    ["+7", 7],
    [".5", 0.5],
    ["1 000", 1000],
    ["1\u202f000,25", 1000.25],
    ["1,000,000", 1_000_000],
    ["1,000,000.5", 1_000_000.5],
    ["1.000.000,5", 1_000_000.5],
    ["1e3", 1000],
    ["２.５", 2.5],
  ])("reads %j as %d", (text, value) => {
    expect(parseNumberLoose(text)).toBe(value);
  });

  it.each(["", "abc", "3.5.1", "1,5.000,2", "3,5,1", "12abc", "Infinity", "NaN", "1e999", "-", "."])("refuses %j", (text) => {
    expect(parseNumberLoose(text)).toBeNull();
  });
});
