/**
 * @ai-sdk/openai builds a default provider when it is imported, reading
 * OPENAI_BASE_URL from the environment, and throws if the variable is set but
 * empty ("OPENAI_BASE_URL=" in a .env file). Lyceum treats empty variables as
 * unset (server/env.ts), so it clears them here, before that import runs:
 * registry.ts imports this module first.
 */
for (const name of ["OPENAI_BASE_URL", "OPENAI_API_KEY"] as const) {
  if (process.env[name]?.trim() === "") delete process.env[name];
}

export {};
