/**
 * The AI layer of the server core: which model answers (registry), the model
 * used when none is connected (offline-model), what provider failures mean
 * (provider-errors) and the prompts. Plain Node: the bot and workflows use it
 * too. Calls go through the AI SDK (`streamText`, `generateText`) with the
 * `model` a ResolvedModel carries.
 */
export {
  defaultOpenAIModel,
  describeModel,
  modelFor,
  modelPurposes,
  offlineLabel,
  resolveModel,
  type AiEnv,
  type ModelProvider,
  type ModelPurpose,
  type ResolveModelOptions,
  type ResolvedModel,
} from "./registry";
export {
  AiModelRequiredError,
  connectModelHint,
  createOfflineModel,
  isAiModelRequiredError,
  offlineModelId,
  type OfflineModelOptions,
} from "./offline-model";
export {
  describeProviderError,
  isTransientProviderError,
  toAppError,
  type FailedModel,
  type ProviderErrorDescription,
  type ProviderFailure,
} from "./provider-errors";
export { buildTutorPrompt, estimateTokens, type TutorPrompt, type TutorPromptInput } from "./prompts/tutor";
