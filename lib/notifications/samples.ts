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
};
