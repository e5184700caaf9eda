/**
 * The list input the reminders page prefetches and its client component asks
 * for: one place, so the query keys match and the data hydrates. (A plain
 * module: values from a "use client" file cannot be used on the server.)
 */
export const remindersListInput = { take: 20 };
