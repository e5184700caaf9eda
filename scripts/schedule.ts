/** `npm run --silent schedule -- --input FILE`: see lib/scheduling/cli.ts. */
import { readFileSync } from "node:fs";
import { runScheduleCli } from "../lib/scheduling/cli";

const result = runScheduleCli(process.argv.slice(2), {
  readText: (path) => readFileSync(path === "-" ? 0 : path, "utf8"),
  progress: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
