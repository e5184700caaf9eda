import { Inngest } from "inngest";
import { embeddedClientOptions } from "@/server/workflows/client-options";
import { workflowsConfigured } from "@/server/workflows/mode";

/**
 * The one Inngest client. With an Inngest server configured the SDK takes its
 * settings from INNGEST_* variables; with none, the embedded executor stands in
 * for the server (server/workflows), so `inngest.send()` and every `step.*`
 * behave the same either way.
 */
export const inngest = new Inngest({ id: "lyceum", ...(workflowsConfigured() ? {} : embeddedClientOptions()) });
