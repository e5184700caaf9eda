import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { enabledOAuthProviders } from "./oauth-providers";

describe("enabledOAuthProviders", () => {
  it("offers no OAuth sign-in when nothing is configured", () => {
    expect(enabledOAuthProviders(parseEnv({}))).toEqual([]);
  });

  it("switches a provider on only when both its id and secret are set", () => {
    expect(enabledOAuthProviders(parseEnv({ AUTH_DISCORD_ID: "id-only" }))).toEqual([]);
    const all = enabledOAuthProviders(
      parseEnv({
        AUTH_DISCORD_ID: "d",
        AUTH_DISCORD_SECRET: "ds",
        AUTH_GOOGLE_ID: "g",
        AUTH_GOOGLE_SECRET: "gs",
        AUTH_MICROSOFT_ENTRA_ID_ID: "m",
        AUTH_MICROSOFT_ENTRA_ID_SECRET: "ms",
      }),
    );
    expect(all.map((p) => p.id)).toEqual(["discord", "google", "microsoft-entra-id"]);
    expect(all.map((p) => p.name)).toContain("Discord");
  });

  it("treats empty variables from a .env file as unset", () => {
    expect(enabledOAuthProviders(parseEnv({ AUTH_GOOGLE_ID: "", AUTH_GOOGLE_SECRET: "" }))).toEqual([]);
  });
});
