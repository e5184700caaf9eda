import type { LanguageModelV4 } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseEnv } from "../env";
import { defaultOpenAIModel, describeModel, offlineLabel, resolveModel, type AiEnv } from "./registry";

const none: AiEnv = {};

function v4(model: unknown): LanguageModelV4 {
  const m = model as LanguageModelV4;
  expect(m.specificationVersion).toBe("v4");
  return m;
}

describe("resolveModel", () => {
  it("falls back to the offline model, labelled as such, when nothing is configured", () => {
    for (const purpose of ["tutor", "grading", "generation"] as const) {
      const resolved = resolveModel(purpose, none);
      expect(resolved).toMatchObject({ id: "offline", provider: "offline", label: offlineLabel, offline: true });
      expect(v4(resolved.model).provider).toBe("lyceum.offline");
    }
    // Model names alone connect nothing.
    expect(resolveModel("tutor", { AI_MODEL: "gpt-5.4" }).offline).toBe(true);
  });

  it("uses OpenAI's Responses API with OPENAI_API_KEY, with the documented default model", () => {
    const resolved = resolveModel("tutor", { OPENAI_API_KEY: "sk-test" });
    expect(resolved).toMatchObject({ id: defaultOpenAIModel, provider: "openai", label: `OpenAI ${defaultOpenAIModel}`, offline: false });
    const model = v4(resolved.model);
    expect(model.provider).toBe("openai.responses");
    expect(model.modelId).toBe(defaultOpenAIModel);
  });

  it("picks the model per purpose: AI_MODEL for the tutor and generation, AI_GRADING_MODEL for grading", () => {
    const e: AiEnv = { OPENAI_API_KEY: "sk-test", AI_MODEL: "gpt-5.4", AI_GRADING_MODEL: "gpt-5.5" };
    expect(resolveModel("tutor", e).id).toBe("gpt-5.4");
    expect(resolveModel("generation", e).id).toBe("gpt-5.4");
    expect(resolveModel("grading", e).id).toBe("gpt-5.5");
    // Grading falls back to AI_MODEL, then to the default.
    expect(resolveModel("grading", { OPENAI_API_KEY: "k", AI_MODEL: "gpt-5.4" }).id).toBe("gpt-5.4");
    expect(resolveModel("grading", { OPENAI_API_KEY: "k" }).id).toBe(defaultOpenAIModel);
    // A model asked for by name wins over the environment.
    expect(resolveModel("tutor", e, { model: "gpt-5.4-nano" }).id).toBe("gpt-5.4-nano");
  });

  it("uses Chat Completions for an OpenAI-compatible server, with or without a key", () => {
    const local = resolveModel("tutor", { OPENAI_BASE_URL: "http://localhost:11434/v1/", AI_MODEL: "llama3.2" });
    expect(local).toMatchObject({
      id: "llama3.2",
      provider: "openai-compatible",
      label: "llama3.2 on localhost:11434",
      offline: false,
      baseURL: "http://localhost:11434/v1",
    });
    const model = v4(local.model);
    expect(model.provider).toBe("openai-compatible.chat");

    const router = resolveModel("grading", {
      OPENAI_BASE_URL: "https://openrouter.ai/api/v1",
      OPENAI_API_KEY: "sk-or-test",
      AI_MODEL: "meta-llama/llama-3.3-70b-instruct",
      AI_GRADING_MODEL: "openai/gpt-5.4",
    });
    expect(router).toMatchObject({ id: "openai/gpt-5.4", provider: "openai-compatible", label: "openai/gpt-5.4 on openrouter.ai" });
  });

  it("treats a base URL on api.openai.com as OpenAI itself", () => {
    const resolved = resolveModel("tutor", { OPENAI_BASE_URL: "https://api.openai.com/v1", OPENAI_API_KEY: "sk" });
    expect(resolved.provider).toBe("openai");
    expect(v4(resolved.model).provider).toBe("openai.responses");
    // Without a key that is still "nothing connected".
    expect(resolveModel("tutor", { OPENAI_BASE_URL: "https://api.openai.com/v1" }).offline).toBe(true);
  });

  it("asks for AI_MODEL when a compatible server is set without one", () => {
    expect(() => resolveModel("tutor", { OPENAI_BASE_URL: "http://localhost:11434/v1" })).toThrow(
      expect.objectContaining({ code: "invalid", message: expect.stringMatching(/AI_MODEL is not.*ollama list/) }),
    );
  });

  it("refuses a model the organisation does not allow, but always allows the offline model", () => {
    const e: AiEnv = { OPENAI_API_KEY: "sk", AI_MODEL: "gpt-5.5" };
    expect(resolveModel("tutor", e, { allowedModels: ["gpt-5.5", "gpt-5.4-mini"] }).id).toBe("gpt-5.5");
    let error: unknown;
    try {
      resolveModel("tutor", e, { allowedModels: ["gpt-5.4-mini"] });
    } catch (e2) {
      error = e2;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", message: expect.stringContaining("does not allow the AI model gpt-5.5. Allowed: gpt-5.4-mini") });
    expect(() => resolveModel("tutor", e, { allowedModels: [] })).toThrow(/allows no AI models/);
    expect(() => resolveModel("tutor", e, { model: "gpt-6", allowedModels: ["gpt-5.5"] })).toThrow(/gpt-6/);
    expect(resolveModel("tutor", none, { allowedModels: [] }).offline).toBe(true);
  });

  it("reads nothing from process.env behind the caller's back", () => {
    const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
    process.env.OPENAI_API_KEY = "sk-from-process";
    process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1";
    try {
      expect(resolveModel("tutor", none).offline).toBe(true);
      expect(describeModel("tutor", { OPENAI_API_KEY: "k" })).toEqual({
        id: defaultOpenAIModel,
        provider: "openai",
        label: `OpenAI ${defaultOpenAIModel}`,
        offline: false,
      });
    } finally {
      if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved.key;
      if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
      else process.env.OPENAI_BASE_URL = saved.url;
    }
  });
});

describe("AI variables in server/env.ts", () => {
  it("are optional, treat empty as unset, and reject a base URL that is not http(s)", () => {
    const e = parseEnv({ OPENAI_API_KEY: "", OPENAI_BASE_URL: "", AI_MODEL: " llama3.2 " });
    expect(e.OPENAI_API_KEY).toBeUndefined();
    expect(e.OPENAI_BASE_URL).toBeUndefined();
    expect(e.AI_MODEL).toBe("llama3.2");
    expect(parseEnv({ OPENAI_BASE_URL: "http://localhost:11434/v1" }).OPENAI_BASE_URL).toBe("http://localhost:11434/v1");
    expect(() => parseEnv({ OPENAI_BASE_URL: "localhost:11434" })).toThrow(/OPENAI_BASE_URL: must be an http\(s\) URL/);
  });
});
