"use client";

import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { locateItem, moveItemTo, moveModuleTo, stepItem, type ItemPlace, type Ordered, type OrderedModule } from "./reorder";

/**
 * Reordering the outline's items and modules by dragging a handle (mouse,
 * pen or finger, through pointer events, so touch works too) or with the
 * keyboard (Space/Enter picks up, arrows move, Space/Enter drops, Escape
 * cancels). While a move is in progress the outline shows the new order;
 * dropping reports the final place, cancelling restores the old one. Every
 * step is announced for screen readers.
 */

type Titled = Ordered & { title: string };

interface Dragging {
  type: "item" | "module";
  id: string;
  mode: "pointer" | "keyboard";
}

export interface OutlineDragOptions<I extends Titled, M extends OrderedModule<I> & Titled> {
  modules: readonly M[];
  disabled?: boolean;
  onMoveItem: (itemId: string, place: ItemPlace, reordered: M[]) => void;
  onMoveModule: (moduleId: string, index: number, reordered: M[]) => void;
}

const edgePx = 56;

export function useOutlineDrag<I extends Titled, M extends OrderedModule<I> & Titled>({ modules, disabled, onMoveItem, onMoveModule }: OutlineDragOptions<I, M>) {
  const [dragging, setDragging] = useState<Dragging | null>(null);
  const [preview, setPreview] = useState<M[] | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const handles = useRef(new Map<string, HTMLButtonElement>());
  // A keyboard move re-renders the row elsewhere; the handle's blur then is ours, not the user leaving.
  const refocusing = useRef(false);
  const shown = preview ?? [...modules];

  useLayoutEffect(() => {
    if (!dragging || dragging.mode !== "keyboard" || !refocusing.current) return;
    handles.current.get(dragging.id)?.focus();
    refocusing.current = false;
  }, [preview, dragging]);

  const titleOf = (type: Dragging["type"], id: string, list: readonly M[] = shown) =>
    type === "module" ? (list.find((m) => m.id === id)?.title ?? "") : (list.flatMap((m) => m.items).find((i) => i.id === id)?.title ?? "");

  function whereItem(list: readonly M[], itemId: string): string {
    const at = locateItem(list, itemId);
    const home = at ? list[at.moduleIndex] : undefined;
    if (!at || !home) return "";
    return `item ${at.index + 1} of ${home.items.length} in “${home.title}”`;
  }

  function whereModule(list: readonly M[], moduleId: string): string {
    return `module ${list.findIndex((m) => m.id === moduleId) + 1} of ${list.length}`;
  }

  function start(next: Dragging) {
    setDragging(next);
    setPreview([...modules]);
    if (next.mode === "keyboard") {
      setAnnouncement(`Picked up “${titleOf(next.type, next.id, modules)}”. Use the up and down arrow keys to move it, Space or Enter to drop it, Escape to cancel.`);
    }
  }

  function cancel() {
    if (!dragging) return;
    setAnnouncement(`Move cancelled. “${titleOf(dragging.type, dragging.id, modules)}” is back where it was.`);
    setDragging(null);
    setPreview(null);
  }

  function drop() {
    if (!dragging || !preview) return;
    const { type, id } = dragging;
    if (type === "item") {
      const before = locateItem(modules, id);
      const after = locateItem(preview, id);
      if (after && (before?.moduleId !== after.moduleId || before.index !== after.index)) onMoveItem(id, { moduleId: after.moduleId, index: after.index }, preview);
      setAnnouncement(`Dropped “${titleOf(type, id, preview)}”: now ${whereItem(preview, id)}.`);
    } else {
      const before = modules.findIndex((m) => m.id === id);
      const after = preview.findIndex((m) => m.id === id);
      if (after >= 0 && after !== before) onMoveModule(id, after, preview);
      setAnnouncement(`Dropped “${titleOf(type, id, preview)}”: now ${whereModule(preview, id)}.`);
    }
    setDragging(null);
    setPreview(null);
  }

  function keyStep(direction: -1 | 1) {
    if (!dragging || !preview) return;
    const { type, id } = dragging;
    let next: M[] | null = null;
    if (type === "item") {
      const place = stepItem(preview, id, direction);
      if (place) next = moveItemTo(preview, id, place);
    } else {
      const index = preview.findIndex((m) => m.id === id) + direction;
      if (index >= 0 && index < preview.length) next = moveModuleTo(preview, id, index);
    }
    if (!next) {
      setAnnouncement(`“${titleOf(type, id)}” is already at the ${direction < 0 ? "top" : "bottom"}.`);
      return;
    }
    refocusing.current = true;
    setPreview(next);
    setAnnouncement(`“${titleOf(type, id, next)}” is now ${type === "item" ? whereItem(next, id) : whereModule(next, id)}.`);
  }

  /** Where a dragged item would land under the pointer: before or after the row it is over, or into the module it is over. */
  function pointerPlace(list: readonly M[], itemId: string, x: number, y: number): ItemPlace | null {
    const element = document.elementFromPoint(x, y);
    const row = element?.closest<HTMLElement>("[data-outline-item]");
    const overId = row?.dataset.outlineItem;
    if (row && overId && overId !== itemId) {
      const at = locateItem(list, overId);
      if (!at) return null;
      const without = list[at.moduleIndex]?.items.filter((i) => i.id !== itemId) ?? [];
      const index = without.findIndex((i) => i.id === overId);
      const rect = row.getBoundingClientRect();
      return { moduleId: at.moduleId, index: index + (y > rect.top + rect.height / 2 ? 1 : 0) };
    }
    if (row) return null;
    const section = element?.closest<HTMLElement>("[data-outline-module]");
    const moduleId = section?.dataset.outlineModule;
    const target = list.find((m) => m.id === moduleId);
    if (!section || !target) return null;
    const rest = target.items.filter((i) => i.id !== itemId);
    const list0 = section.querySelector("[data-outline-items]");
    const above = list0 ? y < list0.getBoundingClientRect().top : false;
    return { moduleId: target.id, index: above ? 0 : rest.length };
  }

  function pointerModuleIndex(list: readonly M[], moduleId: string, x: number, y: number): number | null {
    const section = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-outline-module]");
    const overId = section?.dataset.outlineModule;
    if (!section || !overId || overId === moduleId) return null;
    const without = list.filter((m) => m.id !== moduleId);
    const index = without.findIndex((m) => m.id === overId);
    const rect = section.getBoundingClientRect();
    return index + (y > rect.top + rect.height / 2 ? 1 : 0);
  }

  function autoScroll(y: number) {
    if (y < edgePx) window.scrollBy(0, -12);
    else if (y > window.innerHeight - edgePx) window.scrollBy(0, 12);
  }

  // The latest handlers for the window listeners below, which stay subscribed for the whole drag.
  const pointerHandlers = useRef<{ move: (x: number, y: number) => void; up: () => void; cancel: () => void } | null>(null);
  useEffect(() => {
    pointerHandlers.current =
      dragging?.mode === "pointer" && preview
        ? {
            move(x, y) {
              autoScroll(y);
              if (dragging.type === "item") {
                const place = pointerPlace(preview, dragging.id, x, y);
                if (place) setPreview(moveItemTo(preview, dragging.id, place));
              } else {
                const index = pointerModuleIndex(preview, dragging.id, x, y);
                if (index !== null) setPreview(moveModuleTo(preview, dragging.id, index));
              }
            },
            up: drop,
            cancel,
          }
        : null;
  });

  // On the window, not the handle: the row (and its handle) moves in the DOM while dragging, which would drop a pointer capture.
  const pointerDragging = dragging?.mode === "pointer";
  useEffect(() => {
    if (!pointerDragging) return;
    const move = (event: globalThis.PointerEvent) => pointerHandlers.current?.move(event.clientX, event.clientY);
    const up = () => pointerHandlers.current?.up();
    const cancelDrag = () => pointerHandlers.current?.cancel();
    const escape = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape") pointerHandlers.current?.cancel();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", cancelDrag);
    window.addEventListener("keydown", escape);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", cancelDrag);
      window.removeEventListener("keydown", escape);
    };
  }, [pointerDragging]);

  function handleProps(type: Dragging["type"], id: string, title: string) {
    const active = dragging?.type === type && dragging.id === id;
    return {
      ref: (element: HTMLButtonElement | null) => {
        if (element) handles.current.set(id, element);
        else handles.current.delete(id);
      },
      type: "button" as const,
      disabled,
      "aria-label": `Move “${title}”`,
      "aria-pressed": active,
      "data-dragging": active ? "" : undefined,
      onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
        if (disabled) return;
        const picking = event.key === " " || event.key === "Enter";
        if (!active) {
          if (picking && !dragging) {
            event.preventDefault();
            start({ type, id, mode: "keyboard" });
          }
          return;
        }
        if (picking) {
          event.preventDefault();
          drop();
        } else if (event.key === "Escape") {
          event.preventDefault();
          cancel();
        } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
          event.preventDefault();
          keyStep(event.key === "ArrowUp" ? -1 : 1);
        }
      },
      onBlur() {
        if (active && dragging?.mode === "keyboard" && !refocusing.current) cancel();
      },
      onPointerDown(event: PointerEvent<HTMLButtonElement>) {
        if (disabled || dragging || event.button !== 0) return;
        // No text selection or native gestures while dragging from the handle.
        event.preventDefault();
        event.currentTarget.focus();
        start({ type, id, mode: "pointer" });
      },
    };
  }

  return {
    shown,
    dragging,
    announcement,
    itemHandleProps: (id: string, title: string) => handleProps("item", id, title),
    moduleHandleProps: (id: string, title: string) => handleProps("module", id, title),
  };
}
