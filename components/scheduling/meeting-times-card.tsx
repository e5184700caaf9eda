import { dateTimeFormat } from "@/lib/intl";
import { AlertTriangleIcon, ArrowRightIcon, CalendarClockIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { summarize } from "@/lib/scheduling/local-grid";
import { cn } from "@/lib/utils";
import type { MyAvailabilityDTO } from "@/server/services/scheduling/availability";

/** "Tuesdays 18:00" on the clock of `zone` (explicit zone: the server and the browser render the same). */
function weeklySlot(instant: Date, zone: string): string {
  const weekday = dateTimeFormat("en-GB", { timeZone: zone, weekday: "long" }).format(instant);
  const time = dateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return `${weekday}s ${time}`;
}

/**
 * The course home's way into the cohort's meeting groups: "Pick your
 * meeting times" until the learner has given them, then what they gave, the
 * group they were placed in, or why the schedule left them out.
 */
export function MeetingTimesCard({ data, href }: { data: MyAvailabilityDTO; href: string }) {
  const { availability, group, unplaced, cohort } = data;
  const zone = availability?.timeZone ?? data.member.profileTimeZone;
  let title: string;
  let text: string;
  let action: string;
  if (group) {
    title = `You’re in ${group.name}`;
    text = `${weeklySlot(group.firstMeetingAt, zone)} your time (${zone.replaceAll("_", " ")}), ${group.meetingMinutes} minutes every week.`;
    action = "Your meeting times";
  } else if (unplaced) {
    title = "You are not in a group yet";
    text = unplaced.reason;
    action = cohort.closed ? "Your meeting times" : "Change your times";
  } else if (availability) {
    title = "Your meeting times";
    text = `${summarize(availability)} a week, in ${availability.timeZone.replaceAll("_", " ")}. ${cohort.closed ? "Groups are being formed." : "You can change them until groups are formed."}`;
    action = cohort.closed ? "Your meeting times" : "Change your times";
  } else if (cohort.closed) {
    title = "Meeting times are closed";
    text = "Groups are being formed from the times people gave. Ask your teacher if you still want to join one.";
    action = "Your meeting times";
  } else {
    title = "Pick your meeting times";
    text = `This cohort meets in small groups every week (${cohort.meetingMinutes} minutes). Tell us when you could meet, and you will be placed in a group at a time that suits everyone in it.`;
    action = "Pick your meeting times";
  }
  const Icon = group ? UsersIcon : unplaced ? AlertTriangleIcon : CalendarClockIcon;
  return (
    <section
      aria-labelledby="meeting-times-title"
      data-testid="meeting-times-card"
      className={cn(
        "flex flex-col gap-4 rounded-xl border bg-card p-5 shadow-sm sm:flex-row sm:items-center",
        !availability && !group && !cohort.closed && "border-primary/40 bg-primary/5",
        unplaced && "border-amber-500/60 bg-amber-50 dark:bg-amber-950/30",
      )}
    >
      <div aria-hidden="true" className={cn("flex size-10 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary", unplaced && "bg-amber-500/15 text-amber-700")}>
        <Icon className="size-5" />
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <h2 id="meeting-times-title" className="font-semibold">
          {title}
        </h2>
        <p className="text-sm text-muted-foreground">{text}</p>
      </div>
      <Button asChild variant={availability || group ? "outline" : "default"} className="min-h-10 shrink-0">
        <Link href={href}>
          {action}
          <ArrowRightIcon aria-hidden="true" />
        </Link>
      </Button>
    </section>
  );
}
