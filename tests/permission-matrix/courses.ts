import type { MatrixEntry } from "../permission-matrix";

/** Rows of the permission matrix for the courses procedures (merged into procedureMatrix). */
export const coursesMatrix: Record<string, MatrixEntry> = {};
