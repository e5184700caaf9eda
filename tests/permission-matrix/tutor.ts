import type { MatrixEntry } from "../permission-matrix";

/** Rows of the permission matrix for the tutor procedures (merged into procedureMatrix). */
export const tutorMatrix: Record<string, MatrixEntry> = {};
