import { readdirSync, statSync } from "node:fs";
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads the server core under plain Node, as the Discord bot and workflow
 * workers do, and fails if any of it pulls in Next.js, React, next-auth or
 * server-only. Prints one line per module and `core: N modules loaded`.
 */
const forbidden = "^(next|react|react-dom|next-auth|server-only|@auth/core)(/|$)";
register(
  `data:text/javascript,${encodeURIComponent(`
    const forbidden = new RegExp(${JSON.stringify(forbidden)});
    export async function resolve(specifier, context, next) {
      if (forbidden.test(specifier)) {
        throw new Error("server core imported " + specifier + " from " + context.parentURL);
      }
      return next(specifier, context);
    }`)}`,
);

// Next adapters inside server/ are allowed to use Next; everything else is core.
const nextAdapters = [/^server\/api\//, /^server\/auth\/(next-auth|oauth-providers|current|sign-in-limit)\.ts$/, /^server\/generated\//];
const roots = ["server", "lib", "bot", "inngest"].filter((dir) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const files = roots.flatMap(sources).filter((file) => !nextAdapters.some((re) => re.test(file.split(path.sep).join("/"))));
for (const file of files) {
  await import(pathToFileURL(path.resolve(file)).href);
  console.log(`ok ${file}`);
}
console.log(`core: ${files.length} modules loaded`);
process.exit(0);
