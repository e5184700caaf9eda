import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine at start, which fails offline.
// Lyceum never uses it (migrations are applied by scripts/migrate.ts), and
// `prisma generate` only needs the variable to name an existing file.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const standIn = fileURLToPath(new URL("./package.json", import.meta.url));
  if (existsSync(standIn)) process.env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
