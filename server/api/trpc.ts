import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError, isAppError, type AppErrorCode, type FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation";
import type { MaybeActor } from "../auth/actor";

export interface TRPCContext {
  actor: MaybeActor;
  /** The Session row id of the calling browser (marks "this device"); null when signed out. */
  deviceSessionId: string | null;
  headers: Headers;
}

const trpcCodeOf: Record<AppErrorCode, TRPCError["code"]> = {
  unauthenticated: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  invalid: "BAD_REQUEST",
  conflict: "CONFLICT",
  rate_limited: "TOO_MANY_REQUESTS",
  quota_exceeded: "PAYMENT_REQUIRED",
};

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: FieldErrors | undefined;
    if (isAppError(cause)) fieldErrors = cause.fieldErrors;
    else if (cause instanceof ZodError) fieldErrors = fieldErrorsOf(cause);
    return {
      ...shape,
      // Internal errors never leak their message to the client.
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Try again." : shape.message,
      data: { ...shape.data, appCode: isAppError(cause) ? cause.code : null, fieldErrors: fieldErrors ?? null, stack: undefined },
    };
  },
});

/** The one place AppError becomes a tRPC error. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const cause: AppError = result.error.cause;
    throw new TRPCError({ code: trpcCodeOf[cause.code], message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapAppErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const systemAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.actor.isSystemAdmin) throw new TRPCError({ code: "FORBIDDEN", message: "Only system admins can do this." });
  return next();
});
