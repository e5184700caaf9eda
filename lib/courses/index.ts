export * from "./answers";
export * from "./drip";
export * from "./questions";
export * from "./rubric";
export * from "./streaks";
