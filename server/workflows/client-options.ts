import { sendEvent, type WorkflowEventInput } from "./events";
import { embeddedSigningKey } from "./signing";

/** Where the embedded client "sends" to; nothing listens there, the fetch below answers instead. */
export const embeddedBaseUrl = "http://embedded-workflows.invalid/";

export interface EmbeddedClientOptions {
  isDev: false;
  signingKey: string;
  eventKey: string;
  baseUrl: string;
  fetch: typeof fetch;
}

/**
 * The Inngest event API (`POST /e/<event key>`) answered in-process: events go
 * to the embedded executor's table. Every other Inngest API call is refused,
 * so nothing ever reaches Inngest Cloud from an unconfigured machine.
 */
export const embeddedFetch: typeof fetch = async (input, init) => {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
  if (method !== "POST" || !url.pathname.startsWith("/e/")) {
    return Response.json(
      { error: `${method} ${url.pathname} is an Inngest server API; the embedded executor does not provide it.`, status: 404 },
      { status: 404 },
    );
  }
  const text = init?.body !== undefined && init.body !== null ? String(init.body) : ((await request?.text()) ?? "[]");
  try {
    const parsed: unknown = JSON.parse(text);
    const { ids } = await sendEvent(parsed as WorkflowEventInput | WorkflowEventInput[]);
    return Response.json({ ids, status: 200 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return Response.json({ error: message, status: 400 }, { status: 400 });
  }
};

/**
 * Options for `new Inngest({ id, ...embeddedClientOptions() })` when no Inngest
 * server is configured: cloud mode with a private signing key (so the serve
 * handler accepts only the executor's signed calls) and the event API above.
 */
export function embeddedClientOptions(options: { signingKey?: string } = {}): EmbeddedClientOptions {
  return {
    isDev: false,
    signingKey: options.signingKey ?? embeddedSigningKey(),
    eventKey: "embedded",
    baseUrl: embeddedBaseUrl,
    fetch: embeddedFetch,
  };
}
