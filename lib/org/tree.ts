/**
 * Materialised-path helpers for the organisation tree. A unit's path is the
 * ids from the root down to the unit, each followed by "/": the root is
 * "/rootId/", its child "/rootId/childId/". The trailing slash matters: it
 * makes "is X inside Y" a plain prefix test ("/a/b/" never matches "/a/bc/").
 * The root has depth 0.
 */

function assertPath(path: string): void {
  if (!path.startsWith("/") || !path.endsWith("/") || path.length < 3 || path.includes("//")) {
    throw new Error(`Not a unit path: "${path}" (expected "/rootId/.../")`);
  }
}

function assertId(id: string): void {
  if (id === "" || id.includes("/")) throw new Error(`Not a unit id: "${id}"`);
}

/** The path of the root unit `id`. */
export function rootPath(id: string): string {
  assertId(id);
  return `/${id}/`;
}

/** The path of unit `id` placed directly under the unit at `parentPath`. */
export function childPath(parentPath: string, id: string): string {
  assertPath(parentPath);
  assertId(id);
  return `${parentPath}${id}/`;
}

/** True when `path` is `ancestorPath` itself or lies anywhere below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** The ids on the path, root first, the unit itself last. */
export function pathIds(path: string): string[] {
  assertPath(path);
  return path.split("/").filter(Boolean);
}

/** 0 for the root, 1 for its children, and so on. */
export function depthOf(path: string): number {
  return pathIds(path).length - 1;
}

/** The ids of the unit's ancestors, root first, without the unit itself. */
export function ancestorIds(path: string): string[] {
  return pathIds(path).slice(0, -1);
}

/** The id of the unit the path points at. */
export function unitIdOf(path: string): string {
  const ids = pathIds(path);
  return ids[ids.length - 1] as string;
}

/**
 * Re-roots `path` when the subtree at `oldPrefix` moves to `newPrefix`:
 * rebasePath("/r/a/b/", "/r/a/", "/r/x/a/") is "/r/x/a/b/".
 */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  assertPath(oldPrefix);
  assertPath(newPrefix);
  if (!isWithin(path, oldPrefix)) {
    throw new Error(`"${path}" is not inside "${oldPrefix}"`);
  }
  return newPrefix + path.slice(oldPrefix.length);
}

export interface TreeInput {
  id: string;
  parentId: string | null;
  name: string;
}

export type TreeNode<T extends TreeInput> = T & { children: TreeNode<T>[] };

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function compareNodes(a: TreeInput, b: TreeInput): number {
  return byName.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Nests a flat list of units, siblings sorted by name. A unit whose parent is
 * not in the list (the viewer cannot see it, or it is archived and hidden)
 * becomes a root of the visible forest, so a school admin sees their school at
 * the top. Cycles in bad data cannot loop: every unit appears exactly once.
 */
export function buildTree<T extends TreeInput>(units: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const unit of units) {
    if (!nodes.has(unit.id)) nodes.set(unit.id, { ...unit, children: [] });
  }

  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent && parent !== node) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }

  // A cycle (a -> b -> a) has no root; break it at its first member so every
  // unit is still shown once.
  const reachable = new Set<string>();
  const mark = (node: TreeNode<T>) => {
    const stack = [node];
    while (stack.length) {
      const current = stack.pop() as TreeNode<T>;
      if (reachable.has(current.id)) continue;
      reachable.add(current.id);
      stack.push(...current.children);
    }
  };
  roots.forEach(mark);
  for (const node of nodes.values()) {
    if (reachable.has(node.id)) continue;
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children = parent.children.filter((c) => c !== node);
    roots.push(node);
    mark(node);
  }

  const sortDeep = (list: TreeNode<T>[]) => {
    list.sort(compareNodes);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

/** Every node of a forest, depth first in display order. */
export function flattenTree<T extends TreeInput>(forest: readonly TreeNode<T>[]): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  const visit = (list: readonly TreeNode<T>[]) => {
    for (const node of list) {
      out.push(node);
      visit(node.children);
    }
  };
  visit(forest);
  return out;
}
