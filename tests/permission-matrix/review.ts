import type { MatrixEntry } from "../permission-matrix";

/** Rows of the permission matrix for the review procedures (merged into procedureMatrix). */
export const reviewMatrix: Record<string, MatrixEntry> = {};
