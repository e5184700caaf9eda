import { loadDotEnv } from "./runtime";

/**
 * `npm run eval:grading`: sends the grading eval set (server/ai/grading-eval.ts)
 * to the configured model and prints how often its scores lead the server to
 * the expected verdict. Needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any
 * OpenAI-compatible endpoint: Ollama, vLLM, OpenRouter); without either it
 * says so and exits 0, so CI without a model stays green. The model is the
 * one the app grades with (server/ai/registry.ts: AI_GRADING_MODEL, else AI_MODEL).
 */
loadDotEnv();

const { modelFor } = await import("../server/ai/registry");
const resolved = modelFor("grading");
if (resolved.offline) {
  console.log(
    "eval:grading needs a model: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL and AI_MODEL (an OpenAI-compatible endpoint such as http://localhost:11434/v1 for Ollama). Nothing was run.",
  );
  process.exit(0);
}

const { runGradingEval } = await import("../server/ai/grading-eval");
const { model, label } = resolved;
console.log(`Grading eval against ${label}`);

try {
  const report = await runGradingEval({
    model,
    onOutcome: (o, index, total) => {
      const mark = o.agrees ? "ok  " : "MISS";
      const scores = o.grade ? o.grade.criteria.map((c) => `${c.id}=${c.score}`).join(" ") : (o.error ?? "");
      console.log(`${mark} ${String(index + 1).padStart(2)}/${total} ${o.case.id}: expected ${o.case.expected}, got ${o.verdict}  ${scores}`);
    },
  });
  const pct = (report.accuracy * 100).toFixed(1);
  console.log(
    `grading-eval: accuracy=${report.accuracy.toFixed(3)} (${report.agreed}/${report.total}, ${pct}%) input_tokens=${report.inputTokens} output_tokens=${report.outputTokens}`,
  );
} catch (error) {
  console.error(`The eval stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
