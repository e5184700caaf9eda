import { createReminderSchema, listRemindersSchema, reminderIdInputSchema, updateReminderSchema } from "@/lib/schemas/reminders";
import { createReminder, deleteReminder, getReminder, listMyReminders, updateReminder } from "../../services/reminders";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The signed-in person's own reminders. */
export const remindersRouter = createTRPCRouter({
  list: protectedProcedure.input(listRemindersSchema).query(({ ctx, input }) => listMyReminders(ctx.actor, input)),
  get: protectedProcedure.input(reminderIdInputSchema).query(({ ctx, input }) => getReminder(ctx.actor, input)),
  create: protectedProcedure.input(createReminderSchema).mutation(({ ctx, input }) => createReminder(ctx.actor, input)),
  update: protectedProcedure.input(updateReminderSchema).mutation(({ ctx, input }) => updateReminder(ctx.actor, input)),
  delete: protectedProcedure.input(reminderIdInputSchema).mutation(({ ctx, input }) => deleteReminder(ctx.actor, input)),
});
