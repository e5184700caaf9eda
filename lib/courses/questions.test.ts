import { describe, expect, it } from "vitest";
import { learnerViewOf } from "./questions";
import { questionSchema, type QuestionInput } from "../schemas/courses";

const inputs: QuestionInput[] = [
  { id: "q1", kind: "single_choice", prompt: "Capital?", choices: [{ id: "a", text: "Paris" }, { id: "b", text: "Rome" }], answerKey: { correctChoiceIds: ["a"] } },
  { id: "q2", kind: "multiple_choice", prompt: "Primes?", partialCredit: true, choices: [{ id: "a", text: "2" }, { id: "b", text: "4" }], answerKey: { correctChoiceIds: ["a"] } },
  { id: "q3", kind: "short_answer", prompt: "Pi?", options: { numericTolerance: 0.01 }, answerKey: { acceptedAnswers: ["3.14159"] } },
  {
    id: "q4",
    kind: "subjective",
    prompt: "Explain.",
    graderNotes: "Mentions the axial tilt.",
    rubric: { criteria: [{ id: "c", title: "Accuracy", description: "Correct cause.", min: 0, max: 4, pass: 2 }] },
  },
  { id: "q5", kind: "code", prompt: "Sum.", language: "python", starterCode: "def total(xs):\n    pass\n", referenceTests: "assert total([1, 2]) == 3" },
];

describe("learnerViewOf", () => {
  const views = inputs.map((q) => learnerViewOf(questionSchema.parse(q)));

  it("never contains an answer key, accepted answers, grader notes or reference tests", () => {
    const serialised = JSON.stringify(views);
    for (const secret of ["answerKey", "correctChoiceIds", "acceptedAnswers", "3.14159", "graderNotes", "axial tilt", "referenceTests", "assert total", "partialCredit", "numericTolerance"]) {
      expect(serialised).not.toContain(secret);
    }
  });

  it("keeps what a learner needs to answer", () => {
    expect(views[0]).toEqual({ id: "q1", kind: "single_choice", prompt: "Capital?", points: 1, choices: [{ id: "a", text: "Paris" }, { id: "b", text: "Rome" }] });
    expect(views[2]).toEqual({ id: "q3", kind: "short_answer", prompt: "Pi?", points: 1 });
    expect(views[3]).toMatchObject({ rubric: { criteria: [{ id: "c", title: "Accuracy", min: 0, max: 4, pass: 2 }] } });
    expect(views[4]).toEqual({ id: "q5", kind: "code", prompt: "Sum.", points: 1, language: "python", starterCode: "def total(xs):\n    pass\n" });
  });
});
