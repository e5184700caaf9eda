import { afterAll, inject } from "vitest";
import { createDb, setDb } from "../server/db";

// Bind the process's one Prisma client to this run's database before any test.
process.env.DATABASE_URL = inject("databaseUrl");
const client = createDb(process.env.DATABASE_URL, { max: 4 });
setDb(client);

afterAll(async () => {
  await client.$disconnect();
});
