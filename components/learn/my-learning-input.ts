/** The "My learning" list's query input, shared by the page (prefetch) and the list (a client component). */

export const myLearningPageSize = 24;

export function myLearningInput(orgId: string, includeArchived = false) {
  return { orgId, includeArchived, take: myLearningPageSize };
}
