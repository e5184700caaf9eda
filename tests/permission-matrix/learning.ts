import type { MatrixEntry } from "../permission-matrix";

/** Rows of the permission matrix for the learning procedures (merged into procedureMatrix). */
export const learningMatrix: Record<string, MatrixEntry> = {};
