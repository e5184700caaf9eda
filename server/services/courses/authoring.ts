/**
 * Course authoring for teachers and org admins, split by what it changes:
 * courses (authoring-courses), their outline of modules and item order
 * (authoring-outline), item drafts and publishing (authoring-items), files
 * (authoring-files) and zip imports (authoring-import). Every service checks
 * the Course ability through requireCourse / requireAuthorIn.
 */
export * from "./authoring-courses";
export * from "./authoring-files";
export * from "./authoring-import";
export * from "./authoring-items";
export * from "./authoring-outline";
