import type { UnitTreeNode } from "@/server/services/units";
import type { UnitOption } from "./unit-actions";

/**
 * Active units the viewer manages, in tree order, labelled with their whole
 * path ("Demo Academy › North Campus") so the choice is unambiguous.
 */
export function manageableUnitOptions(forest: readonly UnitTreeNode[]): UnitOption[] {
  const out: UnitOption[] = [];
  const visit = (nodes: readonly UnitTreeNode[], trail: string[]) => {
    for (const node of nodes) {
      const path = [...trail, node.name];
      if (node.canManage && !node.archived) out.push({ id: node.id, label: path.join(" › ") });
      visit(node.children, path);
    }
  };
  visit(forest, []);
  return out;
}
