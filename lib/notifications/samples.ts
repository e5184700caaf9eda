import type { NotificationContext, NotificationType } from "./catalog";

/** Example contexts of every type, for the mail preview page and tests. */
export const sampleContexts: { [T in NotificationType]: NotificationContext<T> } = {
  reminder: {
    reminderId: "sample-reminder",
    title: "Hand in the history essay",
    note: "Chapters 3 and 4, printed, two copies.",
    occurrenceAt: "2026-11-23T08:00:00.000Z",
    offsetMinutes: 60,
    timeZone: "Europe/Brussels",
    link: null,
  },
  "digest.daily": {
    orgId: "sample-org",
    orgName: "Springfield High",
    periodStart: "2026-11-21T00:00:00.000Z",
    periodEnd: "2026-11-22T00:00:00.000Z",
    figures: [
      { label: "Active users", value: 128 },
      { label: "New members", value: 4 },
      { label: "Invites accepted", value: 3 },
    ],
    highlights: ["The Science department was created."],
  },
  "account.test": {},
  "course.item_unlocked": { orgId: "sample-org", cohortId: "sample-cohort", itemId: "sample-item", itemTitle: "Week 2: Forces", courseTitle: "Physics 101" },
  "course.grade_updated": {
    orgId: "sample-org",
    cohortId: "sample-cohort",
    itemId: "sample-item",
    itemTitle: "Newton's laws quiz",
    courseTitle: "Physics 101",
    score: 8.5,
    maxScore: 10,
    comment: "Good reasoning in question 3; check your units.",
  },
  "course.feedback_released": { orgId: "sample-org", cohortId: "sample-cohort", itemId: "sample-item", itemTitle: "Midterm exam", courseTitle: "Physics 101" },
};
