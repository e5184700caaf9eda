import { z } from "zod";

/**
 * Course content shared by the course editor, the tRPC procedures, the seed
 * and the graders: question definitions (with their hidden answer keys),
 * learner answers, and drip-release settings.
 *
 * A question as stored carries its answer key; learners only ever receive
 * `learnerViewOf(question)` (lib/courses/questions.ts), which drops it.
 */

export const maxPromptLength = 5000;
export const maxChoices = 20;
export const maxChoiceLength = 500;
export const maxAcceptedAnswers = 20;
export const maxShortAnswerLength = 500;
export const maxSubjectiveAnswerLength = 20_000;
export const maxCodeLength = 100_000;
export const maxRubricCriteria = 12;
/** Rubric scores stay small so a total is readable at a glance. */
export const maxCriterionScore = 100;

const idSchema = (what: string) =>
  z
    .string({ error: `Give the ${what} an id.` })
    .trim()
    .min(1, `Give the ${what} an id.`)
    .max(64, `Keep the ${what} id to 64 characters or fewer.`)
    .regex(/^[A-Za-z0-9_-]+$/, `The ${what} id may use only letters, digits, "-" and "_".`);

const promptSchema = z
  .string({ error: "Write the question." })
  .trim()
  .min(1, "Write the question.")
  .max(maxPromptLength, `Keep the question to ${maxPromptLength} characters or fewer.`);

const pointsSchema = z
  .number({ error: "Points are a whole number." })
  .int("Points are a whole number.")
  .min(1, "A question is worth at least 1 point.")
  .max(100, "A question is worth at most 100 points.")
  .default(1);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}

// ---------------------------------------------------------------------------
// Choices

export const choiceSchema = z.object({
  id: idSchema("choice"),
  text: z
    .string({ error: "Write the text of each choice." })
    .trim()
    .min(1, "Write the text of each choice.")
    .max(maxChoiceLength, `Keep each choice to ${maxChoiceLength} characters or fewer.`),
});
export type Choice = z.infer<typeof choiceSchema>;

const choicesSchema = z
  .array(choiceSchema, { error: "Add the choices." })
  .min(2, "Add at least 2 choices.")
  .max(maxChoices, `Use at most ${maxChoices} choices.`)
  .superRefine((choices, ctx) => {
    const repeated = duplicates(choices.map((c) => c.id));
    if (repeated.length > 0) ctx.addIssue({ code: "custom", message: `Each choice needs its own id; repeated: ${repeated.join(", ")}.` });
  });

const correctIdsSchema = z.array(idSchema("choice"), { error: "Mark the correct choice." }).min(1, "Mark the correct choice.");

/** The answer key must name choices that exist, each once. */
function checkKey(choices: readonly Choice[], correct: readonly string[], ctx: z.RefinementCtx): void {
  const known = new Set(choices.map((c) => c.id));
  const unknown = correct.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    ctx.addIssue({ code: "custom", path: ["answerKey", "correctChoiceIds"], message: `The answer key names choices that do not exist: ${unknown.join(", ")}.` });
  }
  if (duplicates(correct).length > 0) {
    ctx.addIssue({ code: "custom", path: ["answerKey", "correctChoiceIds"], message: "Mark each correct choice once." });
  }
}

// ---------------------------------------------------------------------------
// Rubrics (subjective answers)

export const rubricCriterionSchema = z
  .object({
    id: idSchema("criterion"),
    title: z
      .string({ error: "Give each criterion a title." })
      .trim()
      .min(1, "Give each criterion a title.")
      .max(120, "Keep a criterion title to 120 characters or fewer."),
    description: z
      .string({ error: "Describe what each criterion rewards." })
      .trim()
      .min(1, "Describe what each criterion rewards.")
      .max(2000, "Keep a criterion description to 2000 characters or fewer."),
    min: z.number({ error: "The lowest score is a whole number." }).int("The lowest score is a whole number.").min(0, "The lowest score is 0 or more."),
    max: z
      .number({ error: "The highest score is a whole number." })
      .int("The highest score is a whole number.")
      .max(maxCriterionScore, `The highest score is at most ${maxCriterionScore}.`),
    pass: z.number({ error: "The pass mark is a number." }),
  })
  .superRefine((c, ctx) => {
    if (c.min >= c.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: `"${c.title}": the highest score must be above the lowest (${c.min}).` });
    } else if (c.pass < c.min || c.pass > c.max) {
      ctx.addIssue({ code: "custom", path: ["pass"], message: `"${c.title}": the pass mark must be between ${c.min} and ${c.max}.` });
    }
  });
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const rubricSchema = z.object({
  criteria: z
    .array(rubricCriterionSchema, { error: "Add the rubric's criteria." })
    .min(1, "Add at least one criterion to the rubric.")
    .max(maxRubricCriteria, `Use at most ${maxRubricCriteria} criteria.`)
    .superRefine((criteria, ctx) => {
      const repeated = duplicates(criteria.map((c) => c.id));
      if (repeated.length > 0) ctx.addIssue({ code: "custom", message: `Each criterion needs its own id; repeated: ${repeated.join(", ")}.` });
    }),
});
export type Rubric = z.infer<typeof rubricSchema>;

// ---------------------------------------------------------------------------
// Questions

export const codeLanguages = ["python", "javascript", "typescript", "java", "c", "cpp", "csharp", "go", "rust", "sql", "ruby", "php", "kotlin", "swift", "bash"] as const;
export type CodeLanguage = (typeof codeLanguages)[number];

export const codeLanguageLabels: Record<CodeLanguage, string> = {
  python: "Python",
  javascript: "JavaScript",
  typescript: "TypeScript",
  java: "Java",
  c: "C",
  cpp: "C++",
  csharp: "C#",
  go: "Go",
  rust: "Rust",
  sql: "SQL",
  ruby: "Ruby",
  php: "PHP",
  kotlin: "Kotlin",
  swift: "Swift",
  bash: "Bash",
};

export const questionKinds = ["single_choice", "multiple_choice", "short_answer", "subjective", "code"] as const;
export type QuestionKind = (typeof questionKinds)[number];

const base = { id: idSchema("question"), prompt: promptSchema, points: pointsSchema };

export const singleChoiceQuestionSchema = z
  .object({
    ...base,
    kind: z.literal("single_choice"),
    choices: choicesSchema,
    answerKey: z.object({
      correctChoiceIds: correctIdsSchema.length(1, "A single-choice question has exactly one correct choice."),
    }),
  })
  .superRefine((q, ctx) => checkKey(q.choices, q.answerKey.correctChoiceIds, ctx));

export const multipleChoiceQuestionSchema = z
  .object({
    ...base,
    kind: z.literal("multiple_choice"),
    choices: choicesSchema,
    /** Partial credit: see scoreMultipleChoice in lib/courses/answers.ts. Off = all or nothing. */
    partialCredit: z.boolean().default(false),
    answerKey: z.object({ correctChoiceIds: correctIdsSchema }),
  })
  .superRefine((q, ctx) => checkKey(q.choices, q.answerKey.correctChoiceIds, ctx));

export const shortAnswerOptionsSchema = z.object({
  caseSensitive: z.boolean().default(false),
  /**
   * Set = the answer is a number, right when within this distance of an
   * accepted answer (0 = exactly). Unset = compared as normalised text.
   */
  numericTolerance: z
    .number({ error: "The tolerance is a number." })
    .min(0, "The tolerance cannot be negative.")
    .finite("The tolerance must be a finite number.")
    .nullish()
    .transform((v) => v ?? null),
});
export type ShortAnswerOptions = z.infer<typeof shortAnswerOptionsSchema>;

const acceptedAnswerSchema = z
  .string({ error: "Write an accepted answer." })
  .trim()
  .min(1, "An accepted answer cannot be empty.")
  .max(maxShortAnswerLength, `Keep accepted answers to ${maxShortAnswerLength} characters or fewer.`);

export const shortAnswerQuestionSchema = z
  .object({
    ...base,
    kind: z.literal("short_answer"),
    options: shortAnswerOptionsSchema.default({ caseSensitive: false, numericTolerance: null }),
    answerKey: z.object({
      acceptedAnswers: z
        .array(acceptedAnswerSchema, { error: "Add the accepted answers." })
        .min(1, "Add at least one accepted answer.")
        .max(maxAcceptedAnswers, `Use at most ${maxAcceptedAnswers} accepted answers.`),
    }),
  })
  .superRefine((q, ctx) => {
    if (q.options.numericTolerance === null) return;
    const notNumbers = q.answerKey.acceptedAnswers.filter((a) => parseNumberLoose(a) === null);
    if (notNumbers.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["answerKey", "acceptedAnswers"],
        message: `With a numeric tolerance, every accepted answer must be a number; not numbers: ${notNumbers.map((a) => `"${a}"`).join(", ")}.`,
      });
    }
  });

export const subjectiveQuestionSchema = z.object({
  ...base,
  kind: z.literal("subjective"),
  rubric: rubricSchema,
  /** What a good answer contains, for the AI grader and reviewers; never shown to learners. */
  graderNotes: z
    .string()
    .trim()
    .max(5000, "Keep the grader notes to 5000 characters or fewer.")
    .nullish()
    .transform((v) => (v ? v : null)),
});

export const codeQuestionSchema = z.object({
  ...base,
  kind: z.literal("code"),
  language: z.enum(codeLanguages, { error: `Choose a language: ${codeLanguages.join(", ")}.` }),
  starterCode: z.string().max(maxCodeLength, `Keep the starter code under ${maxCodeLength} characters.`).default(""),
  /** Tests a reviewer (or, later, a runner) checks the code against; never shown to learners. */
  referenceTests: z
    .string()
    .max(maxCodeLength, `Keep the reference tests under ${maxCodeLength} characters.`)
    .nullish()
    .transform((v) => (v && v.trim() ? v : null)),
});

export const questionSchema = z.discriminatedUnion(
  "kind",
  [singleChoiceQuestionSchema, multipleChoiceQuestionSchema, shortAnswerQuestionSchema, subjectiveQuestionSchema, codeQuestionSchema],
  { error: `Choose a question type: ${questionKinds.join(", ")}.` },
);
export type Question = z.infer<typeof questionSchema>;
export type QuestionInput = z.input<typeof questionSchema>;
export type SingleChoiceQuestion = z.infer<typeof singleChoiceQuestionSchema>;
export type MultipleChoiceQuestion = z.infer<typeof multipleChoiceQuestionSchema>;
export type ShortAnswerQuestion = z.infer<typeof shortAnswerQuestionSchema>;
export type SubjectiveQuestion = z.infer<typeof subjectiveQuestionSchema>;
export type CodeQuestion = z.infer<typeof codeQuestionSchema>;

// ---------------------------------------------------------------------------
// Learner answers (what the client may send; scores are never part of it)

export const singleChoiceAnswerSchema = z.object({
  kind: z.literal("single_choice"),
  choiceId: idSchema("choice"),
});

export const multipleChoiceAnswerSchema = z.object({
  kind: z.literal("multiple_choice"),
  choiceIds: z
    .array(idSchema("choice"), { error: "Choose the answers that apply." })
    .max(maxChoices, `Choose at most ${maxChoices} answers.`)
    .transform((ids) => [...new Set(ids)]),
});

export const shortAnswerAnswerSchema = z.object({
  kind: z.literal("short_answer"),
  text: z
    .string({ error: "Write your answer." })
    .max(maxShortAnswerLength, `Keep your answer to ${maxShortAnswerLength} characters or fewer.`),
});

export const subjectiveAnswerSchema = z.object({
  kind: z.literal("subjective"),
  text: z
    .string({ error: "Write your answer." })
    .max(maxSubjectiveAnswerLength, `Keep your answer to ${maxSubjectiveAnswerLength.toLocaleString("en")} characters or fewer.`),
});

export const codeAnswerSchema = z.object({
  kind: z.literal("code"),
  code: z.string({ error: "Write your code." }).max(maxCodeLength, `Keep your code under ${maxCodeLength.toLocaleString("en")} characters.`),
});

export const answerSchema = z.discriminatedUnion(
  "kind",
  [singleChoiceAnswerSchema, multipleChoiceAnswerSchema, shortAnswerAnswerSchema, subjectiveAnswerSchema, codeAnswerSchema],
  { error: "This answer does not match any question type. Reload the page." },
);
export type Answer = z.infer<typeof answerSchema>;
export type AnswerOf<K extends QuestionKind> = Extract<Answer, { kind: K }>;

// ---------------------------------------------------------------------------
// Drip release

export const dripUnits = ["day", "week"] as const;
export type DripUnit = (typeof dripUnits)[number];

export const dripAnchors = ["cohort_start", "join_date"] as const;
export type DripAnchor = (typeof dripAnchors)[number];

/**
 * "Every N days/weeks from the cohort start or the learner's join date".
 * A cohort without drip stores null: every published item is open at once.
 */
export const dripSettingsSchema = z.object({
  every: z
    .number({ error: "Release every how many days or weeks?" })
    .int("Release every whole number of days or weeks.")
    .min(1, "Release at least every 1 day or week.")
    .max(52, "Release at most every 52 days or weeks."),
  unit: z.enum(dripUnits, { error: 'Choose "day" or "week".' }),
  anchor: z.enum(dripAnchors, { error: "Count from the cohort start or from each learner's join date." }),
});
export type DripSettings = z.infer<typeof dripSettingsSchema>;

/** An item's own "unlock N days after the anchor", overriding its place in the drip order. Null = follow the order. */
export const dripOffsetDaysSchema = z
  .number({ error: "Unlock after how many days?" })
  .int("Unlock after a whole number of days.")
  .min(0, "Unlock 0 or more days after the start.")
  .max(3650, "Unlock at most 3650 days (ten years) after the start.")
  .nullish()
  .transform((v) => v ?? null);

// ---------------------------------------------------------------------------

/**
 * A number as people type it: "3.5", "3,5", "-2", "1 000", "1,000,000.5",
 * "1e3", "−4" (Unicode minus). Null when it is not one. The rules for the
 * ambiguous separators:
 * - both "." and "," present: the last one is the decimal point;
 * - only commas: several commas in groups of three are thousands
 *   ("1,000,000"), a single comma is a decimal comma ("3,5", and also
 *   "1,000" = 1.0: quiz answers are rarely written with thousands
 *   separators, decimal commas are common);
 * - spaces (also thin and no-break spaces) between digit groups are ignored.
 * Lives here, not in lib/courses, because the short-answer schema checks
 * numeric answer keys with it; lib/courses/answers.ts re-exports it.
 */
export function parseNumberLoose(input: string): number | null {
  let s = input.normalize("NFKC").trim().replace(/[\u2212\u2012\u2013]/g, "-");
  s = s.replace(/(\d)[\s\u00a0\u202f\u2009']+(?=\d)/g, "$1");
  if (!/^[+-]?(\d|[.,]\d)/.test(s)) return null;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const [thousands, decimal] = lastDot > lastComma ? [",", "."] : [".", ","];
    const grouped = new RegExp(`^[+-]?\\d{1,3}(\\${thousands}\\d{3})+\\${decimal}\\d*$`);
    if (!grouped.test(s)) return null;
    s = s.split(thousands).join("").replace(decimal, ".");
  } else if (lastComma >= 0) {
    const commas = s.split(",").length - 1;
    s = commas > 1 && /^[+-]?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, "") : commas === 1 ? s.replace(",", ".") : s;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
