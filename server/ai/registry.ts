// Must stay the first import: it clears empty AI variables before @ai-sdk/openai reads them.
import "./provider-env";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import { AppError } from "@/lib/errors";
import { env, type Env } from "../env";
import { createOfflineModel, offlineModelId, type OfflineModelOptions } from "./offline-model";

/**
 * The one place that decides which language model serves a purpose. A pure
 * function of the environment passed in (like ../auth/oauth-providers.ts):
 *
 * 1. OPENAI_BASE_URL set: an OpenAI-compatible server (Ollama, vLLM,
 *    OpenRouter, LM Studio, llama.cpp), through @ai-sdk/openai's Chat
 *    Completions model (`provider.chat`, POST {base}/chat/completions). The
 *    provider's default model speaks OpenAI's Responses API (/responses),
 *    which most compatible servers do not implement. AI_MODEL is required
 *    (there is no model name every server knows); OPENAI_API_KEY is sent when
 *    set (OpenRouter, vLLM --api-key), and no Authorization header otherwise.
 *    A base URL on api.openai.com counts as OpenAI itself.
 * 2. OPENAI_API_KEY set: OpenAI through the Responses API.
 * 3. Neither: the offline model (./offline-model.ts), labelled as such.
 *
 * Models: AI_MODEL for the tutor and generation (default `defaultOpenAIModel`
 * on OpenAI), AI_GRADING_MODEL for grading (default: the tutor's model).
 */

export const modelPurposes = ["tutor", "grading", "generation"] as const;
export type ModelPurpose = (typeof modelPurposes)[number];

export type ModelProvider = "openai" | "openai-compatible" | "offline";

export interface ResolvedModel {
  model: LanguageModel;
  /** The model id as the provider knows it ("gpt-5.4-mini", "llama3.2", "offline"). Store it with transcripts. */
  id: string;
  provider: ModelProvider;
  /** For the UI: "OpenAI gpt-5.4-mini", "llama3.2 on localhost:11434", "Offline (no AI model connected)". */
  label: string;
  offline: boolean;
  /** The API root for openai-compatible models, for error messages (./provider-errors.ts). */
  baseURL?: string;
}

export type AiEnv = Pick<Env, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "AI_MODEL" | "AI_GRADING_MODEL">;

export interface ResolveModelOptions {
  /** A model asked for by name (an AI tool's `model`, an org's choice); default: the env's model for the purpose. */
  model?: string;
  /** The organisation's allowed model ids; undefined means no restriction. The offline model is always allowed. */
  allowedModels?: readonly string[];
  /** For the offline model. */
  offline?: OfflineModelOptions;
}

export const defaultOpenAIModel = "gpt-5.4-mini";
export const offlineLabel = "Offline (no AI model connected)";

const openAIHost = "api.openai.com";

export function resolveModel(purpose: ModelPurpose, e: AiEnv, options: ResolveModelOptions = {}): ResolvedModel {
  const baseURL = e.OPENAI_BASE_URL?.replace(/\/+$/, "");
  const compatible = baseURL !== undefined && hostOf(baseURL) !== openAIHost;

  if (!compatible && !e.OPENAI_API_KEY) {
    return {
      model: createOfflineModel(options.offline),
      id: offlineModelId,
      provider: "offline",
      label: offlineLabel,
      offline: true,
    };
  }

  const envModel = purpose === "grading" ? (e.AI_GRADING_MODEL ?? e.AI_MODEL) : e.AI_MODEL;
  const id = options.model?.trim() || envModel || (compatible ? undefined : defaultOpenAIModel);
  if (!id) {
    throw new AppError(
      "invalid",
      `OPENAI_BASE_URL is set (${baseURL}) but AI_MODEL is not: set AI_MODEL to a model that server serves (for Ollama, one listed by \`ollama list\`, e.g. llama3.2).`,
    );
  }
  checkAllowed(id, options.allowedModels);

  if (compatible) {
    const apiKey = e.OPENAI_API_KEY;
    const provider = createOpenAI({
      name: "openai-compatible",
      baseURL,
      // createOpenAI falls back to process.env.OPENAI_API_KEY and refuses to
      // run without a key; local servers need none, so pass a placeholder and
      // drop the header in fetch below. The registry stays a function of `e`.
      apiKey: apiKey ?? "",
      fetch: apiKey ? undefined : withoutAuthorization,
    });
    return { model: provider.chat(id), id, provider: "openai-compatible", label: `${id} on ${hostOf(baseURL)}`, offline: false, baseURL };
  }

  const provider = createOpenAI({ apiKey: e.OPENAI_API_KEY, baseURL: baseURL ?? `https://${openAIHost}/v1` });
  return { model: provider.responses(id), id, provider: "openai", label: `OpenAI ${id}`, offline: false };
}

/** `resolveModel` with the process environment (server/env.ts). */
export function modelFor(purpose: ModelPurpose, options: ResolveModelOptions = {}): ResolvedModel {
  return resolveModel(purpose, env(), options);
}

/** What the UI can show before a chat starts: which model answers, and whether it is the offline one. */
export function describeModel(purpose: ModelPurpose, e: AiEnv = env()): Pick<ResolvedModel, "id" | "provider" | "label" | "offline"> {
  const { id, provider, label, offline } = resolveModel(purpose, e);
  return { id, provider, label, offline };
}

function checkAllowed(id: string, allowed: readonly string[] | undefined): void {
  if (allowed === undefined || allowed.includes(id)) return;
  throw new AppError(
    "invalid",
    allowed.length === 0
      ? `Your organisation allows no AI models, so ${id} cannot be used. An organisation admin can allow models in the organisation settings.`
      : `Your organisation does not allow the AI model ${id}. Allowed: ${allowed.join(", ")}. An organisation admin can change this in the organisation settings.`,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const withoutAuthorization: typeof globalThis.fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete("authorization");
  return globalThis.fetch(input, { ...init, headers });
};
