import { describe, expect, it } from "vitest";
import { rsvpToken, rsvpUrl, verifyRsvpToken } from "./rsvp-links";

describe("RSVP links", () => {
  it("round-trips the meeting, member and answer", () => {
    const token = rsvpToken("cmeeting1", "cuser1", "maybe");
    expect(verifyRsvpToken(token)).toEqual({ meetingId: "cmeeting1", userId: "cuser1", response: "maybe" });
  });

  it("builds an absolute URL to the public RSVP page", () => {
    const url = new URL(rsvpUrl("cmeeting1", "cuser1", "yes"));
    expect(url.protocol).toMatch(/^https?:$/);
    expect(url.pathname).toMatch(/^\/rsvp\/cmeeting1\.cuser1\.yes\.[\w-]{43}$/);
  });

  it("refuses a token whose answer, member or meeting was changed", () => {
    const token = rsvpToken("cmeeting1", "cuser1", "no");
    expect(verifyRsvpToken(token.replace(".no.", ".yes."))).toBeNull();
    expect(verifyRsvpToken(token.replace("cuser1", "cuser2"))).toBeNull();
    expect(verifyRsvpToken(token.replace("cmeeting1", "cmeeting2"))).toBeNull();
  });

  it("refuses a changed signature and malformed tokens", () => {
    const token = rsvpToken("cmeeting1", "cuser1", "yes");
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(verifyRsvpToken(token.slice(0, -1) + last)).toBeNull();
    expect(verifyRsvpToken("")).toBeNull();
    expect(verifyRsvpToken("a.b.c")).toBeNull();
    expect(verifyRsvpToken("cmeeting1.cuser1.perhaps.abc")).toBeNull();
  });
});
