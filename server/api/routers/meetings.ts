import {
  calendarFeedInputSchema,
  cancelMeetingSchema,
  facilitatorDashboardSchema,
  listMyMeetingsSchema,
  meetingIdInputSchema,
  moveMeetingSchema,
  recordAttendanceSchema,
  rsvpSchema,
  rsvpTokenSchema,
} from "@/lib/schemas/meetings";
import { recordAttendance } from "../../services/meetings/attendance";
import { createCalendarFeed, getCalendarFeed, revokeCalendarFeed, rotateCalendarFeed } from "../../services/meetings/calendar";
import { cancelMeeting, moveMeeting, restoreMeeting } from "../../services/meetings/change";
import { facilitatorDashboard } from "../../services/meetings/facilitator";
import { getMeeting, listMyMeetings } from "../../services/meetings/mine";
import { rsvp, rsvpByToken } from "../../services/meetings/rsvp";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

/** Group meetings: my meetings, answering, attendance, moving one meeting, the calendar feed and the facilitator dashboard. */
export const meetingsRouter = createTRPCRouter({
  mine: protectedProcedure.input(listMyMeetingsSchema).query(({ ctx, input }) => listMyMeetings(ctx.actor, input)),
  get: protectedProcedure.input(meetingIdInputSchema).query(({ ctx, input }) => getMeeting(ctx.actor, input)),

  rsvp: protectedProcedure.input(rsvpSchema).mutation(({ ctx, input }) => rsvp(ctx.actor, input)),
  // Public: the link's signature is the permission (the email's RSVP buttons, no sign-in).
  rsvpByToken: publicProcedure.input(rsvpTokenSchema).mutation(({ input }) => rsvpByToken(input)),

  recordAttendance: protectedProcedure.input(recordAttendanceSchema).mutation(({ ctx, input }) => recordAttendance(ctx.actor, input)),
  move: protectedProcedure.input(moveMeetingSchema).mutation(({ ctx, input }) => moveMeeting(ctx.actor, input)),
  cancel: protectedProcedure.input(cancelMeetingSchema).mutation(({ ctx, input }) => cancelMeeting(ctx.actor, input)),
  restore: protectedProcedure.input(meetingIdInputSchema).mutation(({ ctx, input }) => restoreMeeting(ctx.actor, input)),

  facilitatorDashboard: protectedProcedure.input(facilitatorDashboardSchema).query(({ ctx, input }) => facilitatorDashboard(ctx.actor, input)),

  feed: protectedProcedure.input(calendarFeedInputSchema).query(({ ctx }) => getCalendarFeed(ctx.actor)),
  createFeed: protectedProcedure.input(calendarFeedInputSchema).mutation(({ ctx }) => createCalendarFeed(ctx.actor)),
  rotateFeed: protectedProcedure.input(calendarFeedInputSchema).mutation(({ ctx }) => rotateCalendarFeed(ctx.actor)),
  revokeFeed: protectedProcedure.input(calendarFeedInputSchema).mutation(({ ctx }) => revokeCalendarFeed(ctx.actor)),
});
