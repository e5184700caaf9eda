import { currentActor } from "../auth/current";
import type { TRPCContext } from "./trpc";

export async function createContext(opts: { headers: Headers }): Promise<TRPCContext> {
  return { actor: await currentActor(), headers: opts.headers };
}
