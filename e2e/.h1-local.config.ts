// Temporary (h1): the repo config with localhost, because `next dev` blocks its client from 127.0.0.1. Deleted after use.
import base from "../playwright.config";
export default { ...base, timeout: 300_000, expect: { timeout: 60_000 }, testDir: ".", use: { ...base.use, baseURL: "http://localhost:3201" }, webServer: { ...base.webServer, url: "http://localhost:3201/api/ready" } };
