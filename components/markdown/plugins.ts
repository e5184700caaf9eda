import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Blockquote, Root as MdastRoot, RootContent as MdastContent } from "mdast";

import { calloutTitles, createSlugger, parseCalloutMarker } from "@/lib/courses/markdown";

/**
 * Remark/rehype plugins for <Markdown>, written against the syntax trees
 * directly so they need no packages beyond react-markdown's own.
 */

function eachBlockquote(node: MdastRoot | MdastContent, visit: (quote: Blockquote) => void): void {
  if (node.type === "blockquote") visit(node);
  if ("children" in node) for (const child of node.children) eachBlockquote(child, visit);
}

/**
 * GitHub callouts: a block quote whose first line is `[!NOTE]` (or TIP,
 * IMPORTANT, WARNING, CAUTION) loses that line and is marked with
 * data-callout / data-callout-title for the blockquote component to render.
 */
export function remarkCallouts() {
  return (tree: MdastRoot) => {
    eachBlockquote(tree, (quote) => {
      const paragraph = quote.children[0];
      if (paragraph?.type !== "paragraph") return;
      const text = paragraph.children[0];
      if (text?.type !== "text") return;

      const lineEnd = text.value.indexOf("\n");
      const firstLine = lineEnd === -1 ? text.value : text.value.slice(0, lineEnd);
      const marker = parseCalloutMarker(firstLine);
      if (!marker) return;

      // A custom title counts only when the whole first line is plain text;
      // "[!TIP] Use **this**" keeps the default title and the text as body.
      const wholeLine = lineEnd !== -1 || paragraph.children.length === 1;
      const title = (wholeLine ? marker.title : null) ?? calloutTitles[marker.kind];
      text.value = wholeLine
        ? lineEnd === -1
          ? ""
          : text.value.slice(lineEnd + 1)
        : firstLine.replace(/^[ \t]*\[![a-z]+\][ \t]*/i, "");
      if (text.value === "") {
        paragraph.children.shift();
        // "[!NOTE]\" or "[!NOTE]  " ends the marker line with a hard break.
        if (paragraph.children[0]?.type === "break") paragraph.children.shift();
      }
      if (paragraph.children.length === 0) quote.children.shift();

      // hProperties is read by mdast-util-to-hast (react-markdown's own dependency).
      const data: NonNullable<Blockquote["data"]> & { hProperties: Record<string, string> } = {
        ...quote.data,
        hProperties: { dataCallout: marker.kind, dataCalloutTitle: title },
      };
      quote.data = data;
    });
  };
}

export function hastText(node: HastContent | ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(hastText).join("");
  return "";
}

function eachElement(node: HastRoot | HastContent, visit: (element: Element) => void): void {
  if (node.type === "element") visit(node);
  if ("children" in node) for (const child of node.children) eachElement(child, visit);
}

/**
 * Heading ids from lib/courses/markdown's slugger, in document order, so
 * markdownHeadings() (a table of contents) links to them. Headings that
 * already have an id (the footnotes label) keep it and take no slug.
 */
export function rehypeHeadingIds() {
  return (tree: HastRoot) => {
    const slug = createSlugger();
    eachElement(tree, (element) => {
      if (!/^h[1-6]$/.test(element.tagName) || element.properties.id) return;
      element.properties.id = slug(hastText(element));
    });
  };
}
