import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * Lint = Next's recommended rules + the import rules of
 * ../shared/ARCHITECTURE.md ("Import rules" 1-5), enforced per folder.
 *
 * In a flat config the last block that sets a rule for a file wins outright
 * (options are not merged), so the folders below are split into disjoint
 * regions and each region gets one list holding every restriction that
 * applies to it. The restrictions use @typescript-eslint/no-restricted-imports
 * so client components may keep `import type` from server code.
 */

// ---------------------------------------------------------------------------
// What may not be imported, and why (the message is what a developer sees)

const ts = "**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}";

/** Rule 3: only services, server/db.ts and the database tooling touch Prisma. */
const prisma = {
  group: ["@prisma/*", "**/generated/prisma", "**/generated/prisma/**"],
  message:
    "Only server/services (and server/db.ts, server/database, server/seed, tests, scripts) may use Prisma. Call a service and use its DTOs (ARCHITECTURE.md rule 3).",
};

/** Rule 2: server core also runs under plain Node (bot, workflows). */
const frameworks = {
  group: ["next", "next/*", "next-auth", "next-auth/*", "@auth/*", "react", "react/*", "react-dom", "react-dom/*", "server-only"],
  message:
    "Server core runs under plain Node (bot, workflows): no Next.js, next-auth, React or server-only here. Put Next-specific code in server/api or server/auth/next-auth.ts (ARCHITECTURE.md rule 2).",
};

const uiLayers = {
  group: ["@/app", "@/app/**", "@/components", "@/components/**"],
  message: "Server core may not import the web app (app/, components/) (ARCHITECTURE.md rule 2).",
};

/** Rule 1: lib is pure and runs anywhere, the browser included. */
const libForbidden = [
  {
    group: [
      "react",
      "react/*",
      "react-dom",
      "react-dom/*",
      "next",
      "next/*",
      "next-auth",
      "next-auth/*",
      "server-only",
      "@prisma/*",
      "**/generated/prisma",
      "**/generated/prisma/**",
      "discord.js",
      "@discordjs/*",
      "inngest",
      "inngest/*",
      "@inngest/*",
      "stripe",
      "ai",
      "@ai-sdk/*",
    ],
    message:
      "lib/ is pure code usable anywhere: no React, Next, Prisma, discord.js, inngest, stripe or ai. Move this code to server/ or components/ (ARCHITECTURE.md rule 1).",
  },
  {
    group: ["@/server", "@/server/**", "@/app", "@/app/**", "@/components", "@/components/**", "@/bot/**", "@/inngest/**"],
    message: "lib/ imports only lib/ and small pure packages (ARCHITECTURE.md rule 1).",
  },
  {
    // Relative paths that leave lib/ (lib/x.ts -> ../server/...).
    regex: "^(\\.\\./)+(server|app|components|bot|inngest)(/|$)",
    message: "lib/ imports only lib/ and small pure packages (ARCHITECTURE.md rule 1).",
  },
];

/** Rule 4: the bot and the workflows call services, never the web app or tRPC. */
const notFromWorkers = [
  {
    group: ["@/app", "@/app/**", "@/components", "@/components/**", "@/server/api", "@/server/api/**"],
    message: "bot/ and inngest/ call services; they may not import app/, components/ or server/api (ARCHITECTURE.md rule 4).",
  },
  {
    regex: "^(\\.\\./)+(app|components|server/api)(/|$)",
    message: "bot/ and inngest/ call services; they may not import app/, components/ or server/api (ARCHITECTURE.md rule 4).",
  },
];

/** Rule 5: components may be client components; server code reaches them as types only. */
const serverValues = [
  {
    group: ["@/server", "@/server/**"],
    allowTypeImports: true,
    message:
      "Components may import only types from server/ (`import type`); fetch data through tRPC or a server component's props (ARCHITECTURE.md rule 5).",
  },
  {
    regex: "^(\\.\\./)+server(/|$)",
    allowTypeImports: true,
    message:
      "Components may import only types from server/ (`import type`); fetch data through tRPC or a server component's props (ARCHITECTURE.md rule 5).",
  },
];

const restrict = (...patterns) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { patterns: patterns.flat() }],
});

// ---------------------------------------------------------------------------
// Regions (disjoint, so each file gets exactly one restriction list)

/** Server code that is the Next adapter, allowed to use Next and next-auth. */
const serverNextAdapters = ["server/api/**", "server/auth/next-auth.ts", "server/auth/oauth-providers.ts", "server/auth/current.ts", "server/auth/sign-in-limit.ts"];
/** Server core that may use Prisma. */
const serverPrismaCore = ["server/services/**", "server/db.ts", "server/database/**", "server/auth/actor.ts", "server/seed/**"];
/** Free of import rules: they set up and inspect the database directly. */
const tooling = ["tests/**", "scripts/**"];

const regions = [
  { name: "lyceum/lib", files: [`lib/${ts}`], rules: restrict(libForbidden) },
  { name: "lyceum/server-core-prisma", files: serverPrismaCore, rules: restrict(frameworks, uiLayers) },
  {
    name: "lyceum/server-core",
    files: [`server/${ts}`],
    ignores: [...serverNextAdapters, ...serverPrismaCore, "server/generated/**"],
    rules: restrict(frameworks, uiLayers, prisma),
  },
  { name: "lyceum/server-next-adapters", files: serverNextAdapters, rules: restrict(prisma) },
  { name: "lyceum/workers", files: [`bot/${ts}`, `inngest/${ts}`], rules: restrict(notFromWorkers, prisma) },
  { name: "lyceum/components", files: [`components/${ts}`], rules: restrict(serverValues, prisma) },
  {
    name: "lyceum/everything-else",
    files: [ts],
    ignores: ["lib/**", "server/**", "bot/**", "inngest/**", "components/**", ...tooling],
    rules: restrict(prisma),
  },
];

const config = [
  {
    name: "lyceum/ignores",
    ignores: [
      ".next/**",
      ".next-*/**",
      "e2e/artifacts*/**",
      "server/generated/**",
      "node_modules/**",
      ".data/**",
      "e2e/artifacts/**",
      ".scratch/**",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    name: "lyceum/typescript",
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    // Playwright fixtures call their `use` argument: not React's `use` hook.
    name: "lyceum/e2e",
    files: [`e2e/${ts}`],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  ...regions,
];

export default config;
