// How the window looks and what it remembers between runs that is not journal data: the theme,
// the text size, whether the check-in's "More" is open and the last day Today looked for a missed
// check-in. Kept in the webview's local storage (on this machine, beside the app's other WebKit
// data) because the theme must apply before the journal is unlocked; nothing here says anything
// about what is written in the journal.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const TEXT_SIZES = { normal: 15, large: 17, larger: 19 } as const;
export type TextSize = keyof typeof TEXT_SIZES;

const KEY = "dualtrack.prefs";

interface Stored {
  theme: Theme;
  textSize: TextSize;
  moreOpen: boolean;
  /** The yesterday (`YYYY-MM-DD`) Today last looked at for "Fill in yesterday?", whatever it
   *  found: so the offer comes at most once per day, and the stored date never tells whether
   *  that day has an entry. */
  fillInCheckedFor: string | null;
}

const DEFAULTS: Stored = { theme: "system", textSize: "normal", moreOpen: false, fillInCheckedFor: null };

/** Whatever is stored, made safe: unknown or broken values fall back to the defaults. */
export function parsePrefs(raw: string | null): Stored {
  let found: Partial<Record<keyof Stored, unknown>> = {};
  try {
    const parsed: unknown = JSON.parse(raw ?? "{}");
    if (typeof parsed === "object" && parsed !== null) found = parsed;
  } catch {
    // A broken value is as good as none.
  }
  return {
    theme: THEMES.includes(found.theme as Theme) ? (found.theme as Theme) : DEFAULTS.theme,
    textSize: typeof found.textSize === "string" && found.textSize in TEXT_SIZES ? (found.textSize as TextSize) : DEFAULTS.textSize,
    moreOpen: typeof found.moreOpen === "boolean" ? found.moreOpen : DEFAULTS.moreOpen,
    fillInCheckedFor:
      typeof found.fillInCheckedFor === "string" && /^\d{4}-\d{2}-\d{2}$/.test(found.fillInCheckedFor)
        ? found.fillInCheckedFor
        : DEFAULTS.fillInCheckedFor,
  };
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class Prefs {
  theme = $state<Theme>(DEFAULTS.theme);
  textSize = $state<TextSize>(DEFAULTS.textSize);
  moreOpen = $state(DEFAULTS.moreOpen);
  fillInCheckedFor = $state<string | null>(DEFAULTS.fillInCheckedFor);

  constructor() {
    const stored = parsePrefs(storage()?.getItem(KEY) ?? null);
    this.theme = stored.theme;
    this.textSize = stored.textSize;
    this.moreOpen = stored.moreOpen;
    this.fillInCheckedFor = stored.fillInCheckedFor;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.#save();
  }

  setTextSize(size: TextSize): void {
    this.textSize = size;
    this.#save();
  }

  setMoreOpen(open: boolean): void {
    if (this.moreOpen === open) return;
    this.moreOpen = open;
    this.#save();
  }

  setFillInCheckedFor(date: string): void {
    if (this.fillInCheckedFor === date) return;
    this.fillInCheckedFor = date;
    this.#save();
  }

  /** Puts the theme and text size on the document (the CSS reads `data-theme` and the size). */
  apply(root: HTMLElement = document.documentElement): void {
    if (this.theme === "system") delete root.dataset.theme;
    else root.dataset.theme = this.theme;
    root.style.fontSize = `${TEXT_SIZES[this.textSize]}px`;
  }

  #save(): void {
    try {
      const stored: Stored = {
        theme: this.theme,
        textSize: this.textSize,
        moreOpen: this.moreOpen,
        fillInCheckedFor: this.fillInCheckedFor,
      };
      storage()?.setItem(KEY, JSON.stringify(stored));
    } catch {
      // A full or unavailable store only forgets a preference; the journal is not involved.
    }
  }
}
