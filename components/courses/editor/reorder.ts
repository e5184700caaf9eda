/**
 * Reordering the outline in the browser: where an item or module lands when
 * dragged or moved with the keyboard. Pure, so the editor can show the new
 * order at once and send the same move to the server.
 */

export interface Ordered {
  id: string;
}

export interface OrderedModule<I extends Ordered> extends Ordered {
  items: I[];
}

export interface ItemPlace {
  moduleId: string;
  /** 0-based, counted without the moved item. */
  index: number;
}

export function locateItem<I extends Ordered>(modules: readonly OrderedModule<I>[], itemId: string): { moduleIndex: number; moduleId: string; index: number } | null {
  for (const [moduleIndex, m] of modules.entries()) {
    const index = m.items.findIndex((i) => i.id === itemId);
    if (index >= 0) return { moduleIndex, moduleId: m.id, index };
  }
  return null;
}

/** The outline with `itemId` moved to `place` (the index is clamped into the module). */
export function moveItemTo<I extends Ordered, M extends OrderedModule<I>>(modules: readonly M[], itemId: string, place: ItemPlace): M[] {
  const from = locateItem(modules, itemId);
  const item = from ? modules[from.moduleIndex]?.items[from.index] : undefined;
  if (!from || !item || !modules.some((m) => m.id === place.moduleId)) return [...modules];
  const without = modules.map((m) => (m.id === from.moduleId ? { ...m, items: m.items.filter((i) => i.id !== itemId) } : m));
  return without.map((m) => {
    if (m.id !== place.moduleId) return m;
    const items = [...m.items];
    items.splice(Math.max(0, Math.min(place.index, items.length)), 0, item);
    return { ...m, items };
  });
}

/**
 * One step up or down for the keyboard: within the module, then across into
 * the end of the module above or the start of the module below. Null at the
 * very top or bottom.
 */
export function stepItem<I extends Ordered>(modules: readonly OrderedModule<I>[], itemId: string, direction: -1 | 1): ItemPlace | null {
  const at = locateItem(modules, itemId);
  if (!at) return null;
  const current = modules[at.moduleIndex];
  if (!current) return null;
  const next = at.index + direction;
  if (next >= 0 && next < current.items.length) return { moduleId: current.id, index: next };
  const neighbour = modules[at.moduleIndex + direction];
  if (!neighbour) return null;
  return { moduleId: neighbour.id, index: direction < 0 ? neighbour.items.length : 0 };
}

export function moveModuleTo<M extends Ordered>(modules: readonly M[], moduleId: string, index: number): M[] {
  const moved = modules.find((m) => m.id === moduleId);
  if (!moved) return [...modules];
  const rest = modules.filter((m) => m.id !== moduleId);
  rest.splice(Math.max(0, Math.min(index, rest.length)), 0, moved);
  return rest;
}

/** Positions 0..n-1 in the order shown, as the server will store them. */
export function withPositions<I extends Ordered & { position: number; moduleId: string }, M extends OrderedModule<I> & { position: number }>(modules: readonly M[]): M[] {
  return modules.map((m, position) => ({ ...m, position, items: m.items.map((item, index) => ({ ...item, position: index, moduleId: m.id })) }));
}
