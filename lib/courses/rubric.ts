import { AppError } from "../errors";
import type { Rubric } from "../schemas/courses";

/**
 * Rubric scoring, always on the server. Whoever proposes the per-criterion
 * scores (the AI grader, a facilitator overriding it), the verdict is
 * computed here from the rubric alone:
 * - a criterion passes when its score >= its pass mark;
 * - the answer passes when every criterion passes (a strong criterion does
 *   not make up for a failed one: each criterion is something the answer
 *   must show);
 * - total = sum of scores, max = sum of the criteria's maxima.
 * A model's own opinion of pass or fail is never read.
 */

export interface ProposedScore {
  criterionId: string;
  score: number;
}

export interface ScoredCriterion {
  id: string;
  title: string;
  score: number;
  min: number;
  max: number;
  pass: number;
  passed: boolean;
}

export interface RubricResult {
  criteria: ScoredCriterion[];
  total: number;
  max: number;
  passed: boolean;
}

/**
 * What is wrong with a set of proposed scores, as short phrases ("no score
 * for "Evidence"", "a score of 7 for "Clarity", outside 0-4"); empty when
 * they fit: each criterion exactly once, no unknown criteria, each score a
 * finite number within its criterion's min..max.
 */
export function rubricScoreProblems(rubric: Rubric, scores: readonly ProposedScore[]): string[] {
  const problems: string[] = [];
  const byId = new Map(rubric.criteria.map((c) => [c.id, c]));
  const seen = new Map<string, number>();
  for (const s of scores) seen.set(s.criterionId, (seen.get(s.criterionId) ?? 0) + 1);

  for (const c of rubric.criteria) {
    const count = seen.get(c.id) ?? 0;
    if (count === 0) problems.push(`no score for "${c.title}"`);
    if (count > 1) problems.push(`${count} scores for "${c.title}"`);
  }
  for (const id of seen.keys()) {
    if (!byId.has(id)) problems.push(`a score for "${id}", which is not a criterion of this rubric`);
  }
  for (const s of scores) {
    const c = byId.get(s.criterionId);
    if (!c) continue;
    if (!Number.isFinite(s.score)) problems.push(`a score for "${c.title}" that is not a number`);
    else if (s.score < c.min || s.score > c.max) problems.push(`a score of ${s.score} for "${c.title}", outside ${c.min}-${c.max}`);
  }
  return problems;
}

/** Scores in rubric order with the verdict; throws AppError("invalid") naming every problem when the scores do not fit. */
export function scoreRubric(rubric: Rubric, scores: readonly ProposedScore[]): RubricResult {
  const problems = rubricScoreProblems(rubric, scores);
  if (problems.length > 0) {
    throw new AppError("invalid", `These scores do not fit the rubric: ${problems.join("; ")}. Give one score per criterion within its range.`);
  }
  const scoreOf = new Map(scores.map((s) => [s.criterionId, s.score]));
  const criteria = rubric.criteria.map((c) => {
    const score = scoreOf.get(c.id) ?? c.min;
    return { id: c.id, title: c.title, score, min: c.min, max: c.max, pass: c.pass, passed: score >= c.pass };
  });
  return {
    criteria,
    // Rounded: half points summed in binary floating point would show as 7.499999999.
    total: Math.round(criteria.reduce((sum, c) => sum + c.score, 0) * 100) / 100,
    max: criteria.reduce((sum, c) => sum + c.max, 0),
    passed: criteria.every((c) => c.passed),
  };
}
