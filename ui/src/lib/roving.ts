// Keyboard movement inside a composite widget (calendar, list) that is one Tab stop: arrow keys
// move the focus between its items, Home and End jump to the ends (roving tabindex).

/** Where `key` moves from `index` among `count` items laid out `columns` per row; null when the
 *  key is not a movement key. Clamped to the ends. */
export function moveIndex(key: string, index: number, count: number, columns = 1): number | null {
  const steps: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
  };
  if (columns === 1) {
    steps["ArrowRight"] = 0;
    steps["ArrowLeft"] = 0;
    steps["ArrowDown"] = 1;
    steps["ArrowUp"] = -1;
  }
  let next: number;
  if (key === "Home") next = 0;
  else if (key === "End") next = count - 1;
  else if (key in steps) next = index + (steps[key] ?? 0);
  else return null;
  return Math.max(0, Math.min(count - 1, next));
}
