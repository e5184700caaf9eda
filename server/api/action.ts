import { headers } from "next/headers";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { parseInput } from "@/lib/validation";
import type { MaybeActor } from "../auth/actor";
import { currentActor } from "../auth/current";

/** What a handler may know about the request, passed in so `run` works without Next. */
export interface ActionContext {
  headers: Headers;
}

type Handler<S extends z.ZodType, R> = (actor: MaybeActor, input: z.output<S>, ctx: ActionContext) => Promise<R>;

export interface ServerActionDefinition<S extends z.ZodType, R> {
  schema: S;
  /** false for actions anonymous people use (sign-up, password reset). */
  requireSignIn: boolean;
  handler: Handler<S, R>;
}

export type FormAction<S extends z.ZodType, R> = ((prev: FormState<R>, formData: FormData) => Promise<FormState<R>>) & {
  /** The action without the web edge, for tests and the permission matrix. */
  run: (actor: MaybeActor, input: unknown, ctx?: ActionContext) => Promise<R>;
  definition: ServerActionDefinition<S, R>;
};

function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    out[key] = value;
  }
  return out;
}

/**
 * The one way to write a server action behind a form: the actor comes from
 * the session, input is parsed with the same zod schema the service uses,
 * and AppError becomes form state a person can act on. `after` may
 * redirect (it runs outside the error handling, so Next's redirect works).
 */
export function formAction<S extends z.ZodType, R>(
  definition: { schema: S; requireSignIn?: boolean; handler: Handler<S, R> },
  after?: (result: R) => FormState<R> | Promise<FormState<R>>,
): FormAction<S, R> {
  const full: ServerActionDefinition<S, R> = { requireSignIn: true, ...definition };
  const run = async (actor: MaybeActor, input: unknown, ctx: ActionContext = { headers: new Headers() }): Promise<R> => {
    if (full.requireSignIn && !actor) throw new AppError("unauthenticated", "Sign in to continue.");
    return full.handler(actor, parseInput(full.schema, input), ctx);
  };
  const action = async (_prev: FormState<R>, formData: FormData): Promise<FormState<R>> => {
    let result: R;
    try {
      result = await run(await currentActor(), formDataToObject(formData), { headers: new Headers(await headers()) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      return {
        status: "error",
        message: error.code === "invalid" && error.fieldErrors ? "Check the highlighted fields." : error.message,
        fieldErrors: error.fieldErrors,
      };
    }
    return after ? after(result) : { status: "success", data: result };
  };
  return Object.assign(action, { run, definition: full });
}

