import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * Icons that repeat down a long list (a course outline of 50 rows) are drawn
 * once here and referenced with <SpriteIcon>: each inline copy of a lucide
 * icon costs about 0.6 KB of HTML and as much again in the RSC payload, and
 * rendering them was a measurable share of the course page's server time.
 */
export function IconSprite({ prefix, icons }: { prefix: string; icons: Record<string, LucideIcon> }) {
  return (
    <svg aria-hidden="true" width="0" height="0" className="absolute">
      {Object.entries(icons).map(([name, Icon]) => (
        <symbol key={name} id={`${prefix}-${name}`} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
}

/** One icon of a sprite rendered on the same page (decorative: say the meaning in text). */
export function SpriteIcon({ href, className }: { href: string; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={cn("size-4 shrink-0", className)}>
      <use href={`#${href}`} />
    </svg>
  );
}
