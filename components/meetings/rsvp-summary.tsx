import type { RsvpCounts } from "@/server/services/meetings/mine";

/** "2 going · 1 maybe · 1 not going · 2 not answered" (zeros left out). */
export function rsvpSummaryText(counts: RsvpCounts): string {
  const parts = [
    counts.yes ? `${counts.yes} going` : null,
    counts.maybe ? `${counts.maybe} maybe` : null,
    counts.no ? `${counts.no} not going` : null,
    counts.pending ? `${counts.pending} not answered` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "No other members";
}

export function RsvpSummary({ counts, prefix = "Others:" }: { counts: RsvpCounts; prefix?: string }) {
  return (
    <p className="text-sm text-muted-foreground">
      <span className="font-medium text-foreground">{prefix}</span> {rsvpSummaryText(counts)}
    </p>
  );
}
