import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { makeQueryClient } from "@/components/providers/query-client";
import { createContext } from "./context";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

/** Server-side tRPC for React Server Components: prefetch + hydrate, or call directly. */
export const getQueryClient = cache(makeQueryClient);

const rscContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

export const trpc = createTRPCOptionsProxy({ ctx: rscContext, router: appRouter, queryClient: getQueryClient });

export const serverCaller = cache(async () => createCallerFactory(appRouter)(await rscContext()));

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
