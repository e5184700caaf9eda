import { queryCount } from "@/server/db";
import { env } from "@/server/env";

/**
 * SQL statements this server process has sent so far, for `npm run bench:pages`
 * (it reads the count around a single page request). Only with
 * LYCEUM_QUERY_STATS=true; otherwise this route does not exist.
 */

export const dynamic = "force-dynamic";

export function GET() {
  if (!env().LYCEUM_QUERY_STATS) return Response.json({ error: "Not found." }, { status: 404 });
  return Response.json({ queries: queryCount() });
}
