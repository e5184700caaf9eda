import { currentActor, currentSession } from "../auth/current";
import type { TRPCContext } from "./trpc";

export async function createContext(opts: { headers: Headers }): Promise<TRPCContext> {
  const session = await currentSession();
  return { actor: await currentActor(), deviceSessionId: session?.deviceSessionId || null, headers: opts.headers };
}
