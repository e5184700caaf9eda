import type { MatrixEntry } from "../permission-matrix";

/** Rows of the permission matrix for the cohorts procedures (merged into procedureMatrix). */
export const cohortsMatrix: Record<string, MatrixEntry> = {};
