import { describe, expect, it } from "vitest";
import { markTerms, searchTerms, termPattern } from "./highlight";

describe("search highlighting", () => {
  it("splits a search into words as the core does", () => {
    expect(searchTerms(' post-mortem "x  Ünïcode_1 ')).toEqual(["post", "mortem", "x", "Ünïcode_1"]);
    expect(searchTerms("  ")).toEqual([]);
    expect(termPattern([])).toBeNull();
  });

  it("marks words that start with a term, in text only, leaving markup alone", () => {
    const root = document.createElement("div");
    root.innerHTML = '<p>The <strong>Postmortem</strong> of the outage; a repostmortem is not one.</p><a title="postmortem">link</a>';
    expect(markTerms(root, ["post", "out"])).toBe(2);
    expect([...root.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["Postmortem", "outage"]);
    expect(root.querySelector("a")?.getAttribute("title")).toBe("postmortem");
    expect(root.textContent).toBe("The Postmortem of the outage; a repostmortem is not one.link");
  });

  it("treats a term's regex characters as plain text", () => {
    const root = document.createElement("div");
    root.textContent = "a (b) cxd";
    expect(markTerms(root, ["c.d"])).toBe(0);
    expect(markTerms(root, ["c"])).toBe(1);
  });
});
