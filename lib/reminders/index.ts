export * from "./format";
export * from "./schedule";
export * from "../time-zone";
