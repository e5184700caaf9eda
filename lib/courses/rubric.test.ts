import { describe, expect, it } from "vitest";
import { rubricScoreProblems, scoreRubric } from "./rubric";
import { rubricSchema } from "../schemas/courses";

const rubric = rubricSchema.parse({
  criteria: [
    { id: "thesis", title: "Thesis", description: "A clear position.", min: 0, max: 4, pass: 2 },
    { id: "evidence", title: "Evidence", description: "Reasons and examples.", min: 0, max: 4, pass: 3 },
    { id: "style", title: "Style", description: "Readable.", min: 1, max: 3, pass: 1 },
  ],
});

describe("scoreRubric", () => {
  it("computes total, max and per-criterion pass (score >= pass mark)", () => {
    const result = scoreRubric(rubric, [
      { criterionId: "style", score: 1 },
      { criterionId: "thesis", score: 2 },
      { criterionId: "evidence", score: 3 },
    ]);
    expect(result).toEqual({
      criteria: [
        { id: "thesis", title: "Thesis", score: 2, min: 0, max: 4, pass: 2, passed: true },
        { id: "evidence", title: "Evidence", score: 3, min: 0, max: 4, pass: 3, passed: true },
        { id: "style", title: "Style", score: 1, min: 1, max: 3, pass: 1, passed: true },
      ],
      total: 6,
      max: 11,
      passed: true,
    });
  });

  it("fails the answer when any criterion fails, however high the others are", () => {
    const result = scoreRubric(rubric, [
      { criterionId: "thesis", score: 4 },
      { criterionId: "evidence", score: 2 },
      { criterionId: "style", score: 3 },
    ]);
    expect(result.passed).toBe(false);
    expect(result.total).toBe(9);
    expect(result.criteria.map((c) => c.passed)).toEqual([true, false, true]);
  });

  it("accepts half points and keeps the total readable", () => {
    const result = scoreRubric(rubric, [
      { criterionId: "thesis", score: 2.1 },
      { criterionId: "evidence", score: 3.2 },
      { criterionId: "style", score: 1.2 },
    ]);
    expect(result.total).toBe(6.5);
  });
});

describe("rubricScoreProblems", () => {
  it("is empty for a complete, in-range set", () => {
    expect(rubricScoreProblems(rubric, [{ criterionId: "thesis", score: 0 }, { criterionId: "evidence", score: 4 }, { criterionId: "style", score: 1 }])).toEqual([]);
  });

  it("names missing, repeated, unknown and out-of-range scores", () => {
    expect(
      rubricScoreProblems(rubric, [
        { criterionId: "thesis", score: 5 },
        { criterionId: "thesis", score: 1 },
        { criterionId: "style", score: 0 },
        { criterionId: "tone", score: 1 },
        { criterionId: "evidence", score: Number.NaN },
      ]),
    ).toEqual([
      '2 scores for "Thesis"',
      'a score for "tone", which is not a criterion of this rubric',
      'a score of 5 for "Thesis", outside 0-4',
      'a score of 0 for "Style", outside 1-3',
      'a score for "Evidence" that is not a number',
    ]);
    expect(rubricScoreProblems(rubric, [{ criterionId: "thesis", score: 1 }])).toEqual(['no score for "Evidence"', 'no score for "Style"']);
  });

  it("makes scoreRubric throw AppError(invalid) with every problem", () => {
    expect(() => scoreRubric(rubric, [{ criterionId: "thesis", score: 9 }])).toThrow(
      'These scores do not fit the rubric: no score for "Evidence"; no score for "Style"; a score of 9 for "Thesis", outside 0-4. Give one score per criterion within its range.',
    );
  });
});
