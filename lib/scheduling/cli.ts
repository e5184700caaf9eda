import { parseScheduleInput } from "./schema";
import { schedule } from "./schedule";
import type { ScheduleProgress } from "./types";

/**
 * The command line behind `npm run --silent schedule -- --input FILE`, kept
 * free of Node APIs so it can be tested with plain objects: the script only
 * supplies file reading and the output streams.
 */

export const scheduleUsage = `Usage: npm run --silent schedule -- --input FILE [--progress] [--effort N]

Reads {"params": {...}, "people": [...]} from FILE (- for standard input) and
prints {"groups", "unassigned", "stats"} as JSON on standard output.
  --progress   report progress on standard error
  --effort N   multiply the search budget (default 1)
Exit status: 0 on success, 2 when the arguments or the input are invalid.`;

export interface CliIo {
  readText: (path: string) => string;
  /** Progress lines (only with --progress). */
  progress?: (line: string) => void;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const fail = (message: string): CliResult => ({ code: 2, stdout: "", stderr: `${message}\n` });

export function runScheduleCli(argv: readonly string[], io: CliIo): CliResult {
  let input: string | undefined;
  let progress = false;
  let effort = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === "--help" || flag === "-h") return { code: 0, stdout: `${scheduleUsage}\n`, stderr: "" };
    else if (flag === "--input") input = value();
    else if (flag === "--progress") progress = true;
    else if (flag === "--effort") {
      const raw = value();
      effort = Number(raw);
      if (!Number.isFinite(effort) || effort <= 0) return fail(`--effort must be a positive number, got ${raw ?? "nothing"}`);
    } else return fail(`Unknown argument ${arg}\n\n${scheduleUsage}`);
  }
  if (!input) return fail(`Missing --input FILE\n\n${scheduleUsage}`);

  let text: string;
  try {
    text = io.readText(input);
  } catch (error) {
    return fail(`Cannot read ${input}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`${input} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseScheduleInput(json);
  if (!parsed.ok) return fail(`Invalid input in ${input}:\n${parsed.message}`);

  let last = -Infinity;
  const onProgress = progress
    ? (p: ScheduleProgress) => {
        if (p.elapsedMs - last < 500 && p.phase !== "done") return;
        last = p.elapsedMs;
        io.progress?.(
          `[schedule] ${p.phase} ${Math.round(p.fraction * 100)}% placed ${p.bestPlaced}/${p.upperBound} (bound) ${(p.elapsedMs / 1000).toFixed(1)}s`,
        );
      }
    : undefined;
  const output = schedule(parsed.input, { effort, onProgress });
  return { code: 0, stdout: `${JSON.stringify(output, null, 2)}\n`, stderr: "" };
}
