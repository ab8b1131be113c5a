import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("# Day\n\n**good** call with *Ana*\n\n- one\n- two");
    expect(html).toContain("<h1>Day</h1>");
    expect(html).toContain("<strong>good</strong>");
    expect(html).toContain("<li>one</li>");
  });

  it("strips scripts and event handlers", () => {
    const html = renderMarkdown('<script>alert(1)</script><p onclick="steal()">hi</p>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onclick");
    expect(html).toContain("hi");
  });

  it("drops images and inline styles: no network request and nothing the CSP would block", () => {
    const html = renderMarkdown('![x](https://example.com/x.png)\n\n<span style="color:red">red</span>');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("style=");
    expect(html).toContain("red");
  });

  it("makes links inert (they would navigate the app window) but keeps the address visible", () => {
    const html = renderMarkdown("[docs](https://example.com/a)");
    expect(html).not.toContain("href");
    expect(html).toContain('title="https://example.com/a"');
    expect(html).toContain(">docs</a>");
  });
});
