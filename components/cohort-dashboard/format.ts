/** Numbers as the dashboard shows them. */

/** 0..1 as a whole percentage, "—" when there is nothing to show. */
export function percentText(fraction: number | null): string {
  return fraction === null ? "—" : `${Math.round(fraction * 100)}%`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
