// Marking the searched words in an opened entry, as the core's search matched them: each typed
// word (split as the core splits it) matches the start of a word, ignoring case. Works on the
// rendered, sanitised text nodes, so it never touches markup.

/** The words of a search, as the core's `fts_query` splits them. */
export function searchTerms(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter((w) => w !== "");
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern for the words starting with any of `terms`, or null when there are none. */
export function termPattern(terms: string[]): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map(escape).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})[\\p{L}\\p{N}_]*`, "giu");
}

/** Wraps every match of `terms` under `root` in <mark>; returns how many were marked. */
export function markTerms(root: HTMLElement, terms: string[]): number {
  const pattern = termPattern(terms);
  if (!pattern) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let marked = 0;
  for (const node of nodes) {
    const text = node.data;
    const pieces: (string | HTMLElement)[] = [];
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      if (at > last) pieces.push(text.slice(last, at));
      const mark = document.createElement("mark");
      mark.textContent = match[0];
      pieces.push(mark);
      last = at + match[0].length;
      marked++;
    }
    if (pieces.length === 0) continue;
    if (last < text.length) pieces.push(text.slice(last));
    node.replaceWith(...pieces);
  }
  return marked;
}
