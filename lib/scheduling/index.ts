export { schedule, scheduleJson, defaultIterations } from "./schedule";
export { findViolations } from "./check";
export { parseScheduleInput, describeZodError, scheduleInputSchema } from "./schema";
export type { ScheduleInput, ScheduleInputJson, SchedulePerson, ScheduleParams, PersonId } from "./schema";
export type { ScheduleOutput, ScheduleGroup, ScheduleStats, ScheduleOptions, ScheduleProgress, UnassignedPerson } from "./types";
export { unassignedCodes, type UnassignedCode } from "./reasons";
export { WEEK_MINUTES } from "./availability";
