import { migrate, MigrationError } from "../server/database/migrate";
import { loadDotEnv, resolveDatabase } from "./runtime";

loadDotEnv();
const { url, embedded } = await resolveDatabase();
try {
  const report = await migrate(url, { log: (line) => console.log(line) });
  console.log(`Migrations: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied.`);
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
