import { cn } from "@/lib/utils";

/** Two hues picked from the course id, so each course keeps the same generated cover. */
function huesOf(seed: string): [number, number] {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619);
  const first = (hash >>> 0) % 360;
  return [first, (first + 40 + ((hash >>> 9) % 80)) % 360];
}

/**
 * A course's cover: the uploaded image, or a gradient with the title's
 * initial. Decorative: the title is always next to it.
 */
export function CourseCover({ courseId, title, coverUrl, className }: { courseId: string; title: string; coverUrl: string | null; className?: string }) {
  if (coverUrl) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- served by our own route with its own caching; next/image would proxy it again.
      <img src={coverUrl} alt="" className={cn("aspect-[16/9] w-full object-cover", className)} />
    );
  }
  const [a, b] = huesOf(courseId);
  return (
    <div
      aria-hidden="true"
      className={cn("flex aspect-[16/9] w-full items-center justify-center", className)}
      style={{ backgroundImage: `linear-gradient(135deg, hsl(${a} 70% 55%), hsl(${b} 70% 40%))` }}
    >
      <span className="text-4xl font-semibold text-white/90 drop-shadow-sm">{title.trim().charAt(0).toUpperCase() || "?"}</span>
    </div>
  );
}
