import "server-only";
import { functions, inngest } from "@/inngest";

/** "lyceum-send-mail" -> "Send an email": the names the app's function definitions give. */
export function workflowFunctionNames(): Record<string, string> {
  return Object.fromEntries(functions.map((fn) => [fn.id(inngest.id), fn.name]));
}
