// Renders an entry's Markdown for reading. The text is the user's own, but it may have been
// imported, so it is sanitised like any untrusted HTML: no scripts, no styles (the CSP forbids
// inline styles anyway), no images (no network, ever), and links become inert text with their
// address in a tooltip — following one would navigate the app's window away.
import { Marked } from "marked";
import DOMPurify from "dompurify";

const marked = new Marked({ gfm: true, breaks: false, async: false });
let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A") {
      const href = node.getAttribute("href");
      node.removeAttribute("href");
      node.removeAttribute("target");
      if (href) node.setAttribute("title", href);
    }
  });
  purifier = p;
  return p;
}

export function renderMarkdown(text: string): string {
  const html = marked.parse(text) as string;
  return getPurifier().sanitize(html, {
    FORBID_TAGS: ["img", "style", "form", "input", "button", "iframe", "video", "audio", "picture", "source", "svg", "math"],
    FORBID_ATTR: ["style", "srcset", "action", "formaction"],
    ALLOW_DATA_ATTR: false,
  });
}
