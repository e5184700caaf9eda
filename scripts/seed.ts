import { migrate } from "../server/database/migrate";
import { loadDotEnv, resolveDatabase } from "./runtime";

loadDotEnv();
const { url, embedded } = await resolveDatabase();
try {
  await migrate(url);
  const { seedDemo, demoPassword } = await import("../server/seed/demo");
  const result = await seedDemo();
  console.log(result.created ? "Seeded the demo organisation." : "Demo organisation already present; nothing changed.");
  console.log(`Demo sign-ins (password: ${demoPassword}):`);
  for (const a of result.accounts) console.log(`  ${a.label.padEnd(13)} ${a.email}`);
  const { db } = await import("../server/db");
  await db().$disconnect();
} finally {
  await embedded?.stop();
}
