import * as React from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options, type UrlTransform } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";

import { calloutKinds, isExternalHref, safeImageSrc, safeLinkHref, splitFrontMatter, type CalloutKind } from "@/lib/courses/markdown";
import { cn } from "@/lib/utils";
import { Callout } from "./callout";
import { rehypeHeadingIds, remarkCallouts } from "./plugins";
import "./markdown.css";

/*
 * Lesson Markdown, rendered safely for server and client components alike.
 *
 * Raw HTML is shown as text (react-markdown's default: nothing in a lesson can
 * inject markup), link and image URLs go through lib/courses/markdown's
 * allow-lists, and headings get the ids markdownHeadings() reports.
 * There is no typography plugin in the project, so every element is styled
 * through `components`.
 */

const remarkPlugins: NonNullable<Options["remarkPlugins"]> = [remarkGfm, remarkCallouts];
// detect: false: code without a language stays plain rather than guessed wrong.
const rehypePlugins: NonNullable<Options["rehypePlugins"]> = [rehypeHeadingIds, [rehypeHighlight, { detect: false }]];

const urlTransform: UrlTransform = (url, key) => (key === "src" ? safeImageSrc(url) : safeLinkHref(url)) ?? "";

function withoutNode<P extends ExtraProps>(props: P): Omit<P, "node"> {
  const rest = { ...props };
  delete rest.node;
  return rest;
}

const headingClasses = {
  h1: "mt-10 mb-4 text-3xl font-bold tracking-tight",
  h2: "mt-10 mb-4 border-b pb-2 text-2xl font-semibold tracking-tight",
  h3: "mt-8 mb-3 text-xl font-semibold tracking-tight",
  h4: "mt-6 mb-2 text-lg font-semibold",
  h5: "mt-6 mb-2 text-base font-semibold",
  h6: "mt-6 mb-2 text-sm font-semibold tracking-wide text-muted-foreground uppercase",
} as const;

function heading(Tag: keyof typeof headingClasses) {
  function Heading({ className, ...props }: React.ComponentProps<"h1"> & ExtraProps) {
    return <Tag className={cn("scroll-mt-20", headingClasses[Tag], className)} {...withoutNode(props)} />;
  }
  Heading.displayName = `Markdown.${Tag}`;
  return Heading;
}

function isCalloutKind(value: unknown): value is CalloutKind {
  return typeof value === "string" && (calloutKinds as readonly string[]).includes(value);
}

const components: Components = {
  h1: heading("h1"),
  h2: heading("h2"),
  h3: heading("h3"),
  h4: heading("h4"),
  h5: heading("h5"),
  h6: heading("h6"),
  p: ({ className, ...props }) => <p className={cn("my-4", className)} {...withoutNode(props)} />,
  a: ({ href, className, children, ...props }) => {
    const safe = typeof href === "string" ? safeLinkHref(href) : null;
    // A dropped URL (javascript:, data:, ...) leaves its text, not a dead link.
    if (!safe) return <span>{children}</span>;
    const external = isExternalHref(safe);
    return (
      <a
        href={safe}
        className={cn(
          "font-medium text-primary underline decoration-primary/40 underline-offset-4 hover:decoration-primary",
          className,
        )}
        {...withoutNode(props)}
        {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
      >
        {children}
        {external ? <span className="sr-only"> (opens in a new tab)</span> : null}
      </a>
    );
  },
  img: ({ src, alt, className, ...props }) => {
    const safe = typeof src === "string" ? safeImageSrc(src) : null;
    if (!safe) return alt ? <span className="text-muted-foreground italic">[{alt}]</span> : null;
    return (
      // Authors' images have unknown sizes and hosts, which next/image needs up front.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={safe}
        alt={alt ?? ""}
        loading="lazy"
        decoding="async"
        className={cn("my-2 inline-block h-auto max-w-full rounded-lg", className)}
        {...withoutNode(props)}
      />
    );
  },
  ul: ({ className, ...props }) => (
    <ul
      className={cn(
        "my-4 pl-6 marker:text-muted-foreground [&_ol]:my-1 [&_ul]:my-1",
        className?.includes("contains-task-list") ? "list-none pl-1" : "list-disc",
        className,
      )}
      {...withoutNode(props)}
    />
  ),
  ol: ({ className, ...props }) => (
    <ol
      className={cn("my-4 list-decimal pl-6 marker:text-muted-foreground [&_ol]:my-1 [&_ul]:my-1", className)}
      {...withoutNode(props)}
    />
  ),
  li: ({ className, ...props }) => (
    <li className={cn("my-1 pl-1 [&>p]:my-2", className)} {...withoutNode(props)} />
  ),
  input: ({ type, checked, className, ...props }) =>
    // GFM emits inputs only for task list items, always disabled.
    type === "checkbox" ? (
      <input
        type="checkbox"
        checked={checked ?? false}
        disabled
        readOnly
        aria-label={checked ? "Done" : "Not done"}
        className={cn("mr-2 size-4 translate-y-0.5 accent-primary", className)}
        {...withoutNode(props)}
      />
    ) : null,
  blockquote: ({ node, className, children, ...props }) => {
    const kind = node?.properties.dataCallout;
    if (isCalloutKind(kind)) {
      const title = node?.properties.dataCalloutTitle;
      return (
        <Callout kind={kind} title={typeof title === "string" ? title : undefined}>
          {children}
        </Callout>
      );
    }
    return (
      <blockquote className={cn("my-6 border-l-4 pl-4 text-muted-foreground", className)} {...props}>
        {children}
      </blockquote>
    );
  },
  hr: ({ className, ...props }) => <hr className={cn("my-8 border-border", className)} {...withoutNode(props)} />,
  strong: ({ className, ...props }) => <strong className={cn("font-semibold", className)} {...withoutNode(props)} />,
  del: ({ className, ...props }) => <del className={cn("text-muted-foreground", className)} {...withoutNode(props)} />,
  code: ({ className, ...props }) => (
    <code
      className={cn("rounded-md bg-muted px-1.5 py-0.5 font-mono text-[0.875em]", className)}
      {...withoutNode(props)}
    />
  ),
  pre: ({ node, className, ...props }) => {
    const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
    const classes = code?.type === "element" ? code.properties.className : undefined;
    const language = Array.isArray(classes)
      ? classes.map(String).find((name) => name.startsWith("language-"))?.slice("language-".length)
      : undefined;
    return (
      <div className="relative my-6">
        {language ? (
          <span className="pointer-events-none absolute top-1.5 right-3 font-mono text-xs text-muted-foreground select-none">
            {language}
          </span>
        ) : null}
        {/* Focusable so keyboard users can scroll long lines (WCAG 2.1.1). */}
        <pre
          tabIndex={0}
          className={cn(
            "overflow-x-auto rounded-lg border bg-muted/50 p-4 text-sm leading-6",
            // Room for the language label above the first line.
            language && "pt-7",
            "[&>code]:rounded-none [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-[length:inherit]",
            className,
          )}
          {...props}
        />
      </div>
    );
  },
  table: ({ className, ...props }) => (
    <div className="my-6 w-full overflow-x-auto rounded-lg border" tabIndex={0}>
      <table className={cn("w-full border-collapse text-sm", className)} {...withoutNode(props)} />
    </div>
  ),
  thead: ({ className, ...props }) => <thead className={cn("bg-muted/50", className)} {...withoutNode(props)} />,
  tr: ({ className, ...props }) => <tr className={cn("border-b last:border-b-0", className)} {...withoutNode(props)} />,
  // Column alignment arrives as an inline text-align style, which beats text-left.
  th: ({ className, ...props }) => (
    <th className={cn("px-3 py-2 text-left font-semibold", className)} {...withoutNode(props)} />
  ),
  td: ({ className, ...props }) => (
    <td className={cn("px-3 py-2 text-left align-top", className)} {...withoutNode(props)} />
  ),
  section: ({ node, className, ...props }) => (
    <section
      className={cn(node?.properties.dataFootnotes ? "mt-10 border-t pt-4 text-sm text-muted-foreground" : undefined, className)}
      {...props}
    />
  ),
};

type MarkdownProps = {
  source: string;
  className?: string;
};

/** Renders lesson Markdown (GFM, callouts, highlighted code) with lesson typography. */
function Markdown({ source, className }: MarkdownProps) {
  return (
    <div data-slot="markdown" className={cn("min-w-0 text-base leading-7 break-words [&>:first-child]:mt-0 [&>:last-child]:mb-0", className)}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={urlTransform}
      >
        {splitFrontMatter(source).body}
      </ReactMarkdown>
    </div>
  );
}

export { Markdown, type MarkdownProps };
