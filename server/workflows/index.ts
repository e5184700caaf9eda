/**
 * The embedded workflow executor: runs the Inngest functions of inngest/
 * when no Inngest server is configured, through Inngest's own SDK protocol,
 * with its state in PostgreSQL. Application code keeps using the Inngest
 * client (`inngest.send`, `step.*`); nothing here is a second workflow API.
 */
export { manualClock, systemClock, type Clock } from "./clock";
export { embeddedClientOptions, embeddedFetch } from "./client-options";
export { consoleLogger, silentLogger, type WorkflowLogger } from "./context";
export { cancelRun, rerunRun } from "./control";
export { createWorkflowEngine, startEmbeddedWorker, type WorkflowEngine, type WorkflowEngineOptions } from "./engine";
export { sendEvent, type WorkflowEventInput } from "./events";
export { workflowMode, workflowsConfigured, type WorkflowMode, type WorkflowModeInfo } from "./mode";
export type { AppRegistry, RegisteredFunction, ServeHandler } from "./protocol";
export { embeddedSigningKey } from "./signing";
