import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { markdownHeadings } from "@/lib/courses/markdown";
import { Markdown } from "./markdown";

const render = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

function headingIds(html: string): string[] {
  return Array.from(html.matchAll(/<h[1-6][^>]*\sid="([^"]*)"/g), (match) => match[1] ?? "").filter((id) => id !== "footnote-label");
}

describe("<Markdown>", () => {
  it("renders GitHub callouts as titled boxes with an icon", () => {
    const html = render("> [!WARNING]\n> Back up your **data** first.\n\n> [!tip] Pro move\n> Use keyboard shortcuts.");
    expect(html).toContain('data-callout="warning"');
    expect(html).toContain('role="note"');
    expect(html).toMatch(/<svg[^>]*lucide-triangle-alert[^>]*aria-hidden="true"/);
    expect(html).toMatch(/<\/svg>Warning<\/p>/);
    expect(html).toContain("Back up your <strong");
    expect(html).not.toContain("[!WARNING]");
    expect(html).toContain('data-callout="tip"');
    expect(html).toMatch(/<\/svg>Pro move<\/p>/);
    expect(html).not.toContain("<blockquote");
  });

  it("keeps ordinary block quotes and unknown markers as quotes", () => {
    const html = render("> Just a quote\n\n> [!DANGER]\n> Not a kind");
    expect(html.match(/<blockquote/g)).toHaveLength(2);
    expect(html).toContain("[!DANGER]");
    expect(html).not.toContain("data-callout");
  });

  it("highlights fenced code with a language and shows the language", () => {
    const html = render("```ts\nconst answer: number = 42; // why\n```");
    expect(html).toMatch(/<code class="[^"]*\bhljs\b[^"]*\blanguage-ts\b/);
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-number">42</span>');
    expect(html).toContain('<span class="hljs-comment">// why</span>');
    expect(html).toMatch(/<pre tabindex="0"/);
    expect(html).toMatch(/>ts<\/span><pre/);
  });

  it("leaves code without a language, or with an unknown one, unhighlighted", () => {
    expect(render("```\nconst x = 1;\n```")).not.toContain("hljs-");
    expect(render("```klingon\nqapla'\n```")).not.toContain("hljs-");
  });

  it("escapes raw HTML instead of rendering it", () => {
    const html = render('<script>alert("x")</script>\n\nText <img src=x onerror="alert(1)"> and <b>bold</b>');
    expect(html).not.toMatch(/<script|<img src="x"|<b>/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("drops javascript: and data: links but keeps their text", () => {
    const html = render("[click](javascript:alert(1)) [data](data:text/html,hi) [mixed](JaVaScRiPt:alert(1))");
    expect(html).not.toMatch(/javascript:|data:text/i);
    expect(html).not.toContain("<a ");
    expect(html).toContain("<span>click</span>");
  });

  it("opens external links in a new tab, internal ones in place", () => {
    const html = render("[ext](https://example.com) [int](/courses/1) [anchor](#top) [mail](mailto:a@b.c)");
    expect(html).toMatch(/<a href="https:\/\/example\.com"[^>]*target="_blank"[^>]*rel="noopener noreferrer"/);
    expect(html).toContain("(opens in a new tab)");
    for (const href of ["/courses/1", "#top", "mailto:a@b.c"]) {
      expect(html).toMatch(new RegExp(`<a href="${href}"(?![^>]*target=)[^>]*>`));
    }
  });

  it("renders safe images lazily with their alt text, and drops unsafe ones", () => {
    const html = render('![A chart](/api/files/abc "Sales") ![Remote](https://cdn.example.com/x.png) ![Rel](img/a.png) ![Bad](data:image/png;base64,AAAA) ![Evil](javascript:alert(1))');
    expect(html).toMatch(/<img src="\/api\/files\/abc" alt="A chart" loading="lazy" decoding="async"[^>]*title="Sales"/);
    expect(html).toContain('src="https://cdn.example.com/x.png"');
    expect(html).toContain('src="img/a.png"');
    expect(html).not.toMatch(/data:image|javascript:/);
    expect(html).toContain("[Bad]");
    expect(html).toMatch(/max-w-full/);
  });

  it("gives headings the ids markdownHeadings reports", () => {
    const source = [
      "---",
      "title: Ignored",
      "---",
      "# Intro to *React*",
      "## Setup & `npm` [install](https://npmjs.com)",
      "## Setup & npm install",
      "Props",
      "-----",
      "### snake_case and _emphasis_",
      "> ## Inside a quote",
      "- ### In a list",
      "## Café — déjà vu!",
      "## Footnote[^1]",
      "",
      "[^1]: Note.",
    ].join("\n");
    const html = render(source);
    const ids = headingIds(html);
    expect(ids).toEqual([
      "intro-to-react",
      "setup-npm-install",
      "setup-npm-install-1",
      "props",
      "snake-case-and-emphasis",
      "inside-a-quote",
      "in-a-list",
      "café-déjà-vu",
      "footnote1",
    ]);
    expect(markdownHeadings(source).map((heading) => heading.slug)).toEqual(ids);
  });

  it("renders GFM tables, task lists, strikethrough and autolinks", () => {
    const html = render("| Left | Right |\n|:-----|------:|\n| a | b |\n\n- [x] Done\n- [ ] Todo\n\n~~old~~ www.example.com");
    expect(html).toMatch(/<div class="[^"]*overflow-x-auto[^"]*"[^>]*><table/);
    expect(html).toMatch(/<th[^>]*style="text-align:right"/);
    expect(html).toMatch(/<input type="checkbox"[^>]*aria-label="Done"[^>]*checked=""/);
    expect(html).toMatch(/<input type="checkbox"[^>]*aria-label="Not done"(?![^>]*checked)/);
    expect(html).toContain("<del");
    expect(html).toContain('href="http://www.example.com"');
  });

  it("does not render front matter", () => {
    expect(render("---\ntitle: Secret\n---\nBody")).not.toContain("Secret");
  });
});
