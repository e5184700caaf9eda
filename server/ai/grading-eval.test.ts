import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { evalCases, evalRubric, evalRubrics, runGradingEval, type EvalCase } from "./grading-eval";
import { rubricScoreProblems } from "@/lib/courses/rubric";

const usage = {
  inputTokens: { total: 300, noCache: 300, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 60, text: 60, reasoning: undefined },
};

/** A mock that answers like the careful grader documented in the case, and records what it was shown. */
function carefulModel(c: EvalCase, seen: string[]) {
  return new MockLanguageModelV4({
    modelId: "careful-mock",
    doGenerate: async (options) => {
      seen.push(JSON.stringify(options.prompt));
      const criteria = Object.entries(c.carefulScores).map(([criterionId, score]) => ({ criterionId, score, feedback: `Scored ${score}.` }));
      return { content: [{ type: "text", text: JSON.stringify({ criteria }) }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] };
    },
  });
}

/** A grader that believes whatever it reads: full marks for everything. */
function gullibleModel(c: EvalCase) {
  const { rubric } = evalRubric(c.rubricId);
  const criteria = rubric.criteria.map((k) => ({ criterionId: k.id, score: k.max, feedback: "Excellent." }));
  return new MockLanguageModelV4({
    doGenerate: { content: [{ type: "text", text: JSON.stringify({ criteria }) }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] },
  });
}

describe("the grading eval set", () => {
  it("has at least 20 cases over at least 4 rubrics, with distinct ids and both verdicts per rubric", () => {
    expect(evalCases.length).toBeGreaterThanOrEqual(20);
    expect(evalRubrics.length).toBeGreaterThanOrEqual(4);
    expect(new Set(evalCases.map((c) => c.id)).size).toBe(evalCases.length);
    for (const r of evalRubrics) {
      const verdicts = new Set(evalCases.filter((c) => c.rubricId === r.id).map((c) => c.expected));
      expect([...verdicts].sort(), r.id).toEqual(["fail", "pass"]);
    }
  });

  it("includes the tricky kinds: prompt injection, off-topic, empty, partially right", () => {
    const ids = evalCases.map((c) => c.id).join(" ");
    expect(evalCases.filter((c) => /ignore the rubric|full marks|maximum score|pass mark/i.test(c.answer)).length).toBeGreaterThanOrEqual(3);
    expect(evalCases.some((c) => c.answer.trim() === "")).toBe(true);
    expect(ids).toMatch(/off-topic/);
    expect(evalCases.filter((c) => /partially right|partly/i.test(c.reason)).length).toBeGreaterThanOrEqual(2);
    for (const c of evalCases) expect(c.reason.length, c.id).toBeGreaterThan(10);
  });

  it("documents careful scores that fit each rubric", () => {
    for (const c of evalCases) {
      const { rubric } = evalRubric(c.rubricId);
      const scores = Object.entries(c.carefulScores).map(([criterionId, score]) => ({ criterionId, score }));
      expect(rubricScoreProblems(rubric, scores), c.id).toEqual([]);
    }
  });

  it("reaches every expected verdict on the server from the careful grader's scores", async () => {
    const seen: string[] = [];
    const report = await runGradingEval({ model: (c) => carefulModel(c, seen) });
    const wrong = report.outcomes.filter((o) => !o.agrees).map((o) => `${o.case.id}: expected ${o.case.expected}, got ${o.verdict}`);
    expect(wrong).toEqual([]);
    expect(report).toMatchObject({ agreed: evalCases.length, total: evalCases.length, accuracy: 1 });
    expect(report.inputTokens).toBe(300 * evalCases.length);
    // Each model call saw its own answer inside the fence.
    expect(seen).toHaveLength(evalCases.length);
    expect(seen[0]).toContain("<learner_answer>");
    expect(seen[0]).toContain("ten minutes of reading at home");
  });

  it("catches a gullible grader: full marks for everything fails every expected-fail case", async () => {
    const report = await runGradingEval({ model: gullibleModel });
    const fails = evalCases.filter((c) => c.expected === "fail").length;
    expect(report.agreed).toBe(evalCases.length - fails);
    expect(report.accuracy).toBeLessThan(0.6);
    expect(report.outcomes.find((o) => o.case.id === "essay-injection")).toMatchObject({ verdict: "pass", agrees: false });
  });

  it("counts a refused reply as a disagreement and keeps going", async () => {
    const broken = new MockLanguageModelV4({
      doGenerate: { content: [{ type: "text", text: "I'd give this a 7/10!" }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] },
    });
    const report = await runGradingEval({ model: broken, cases: evalCases.slice(0, 2) });
    expect(report.outcomes.map((o) => o.verdict)).toEqual(["error", "error"]);
    expect(report.outcomes[0]!.error).toMatch(/^The AI grader returned a reply that is not valid grading data/);
    expect(report.accuracy).toBe(0);
  });
});
