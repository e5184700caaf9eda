import { env } from "../env";

/**
 * The caller's IP for rate limits and the sessions page. A client can send
 * X-Forwarded-For itself, so it is only believed behind a proxy (TRUST_PROXY);
 * otherwise every caller without a trusted address shares one bucket, which
 * errs on the side of limiting.
 */
export function clientIp(headers: Headers): string {
  if (env().TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
    const real = headers.get("x-real-ip")?.trim();
    if (real) return real;
  }
  return "direct";
}
