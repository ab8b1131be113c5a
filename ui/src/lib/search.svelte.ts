// Full-text search with filters. The form's loose inputs (any field may be empty) map onto the
// shell's SearchFilters: a range given only at one end is closed with the scale's own end.
import { api, type Found, type SearchFilters } from "./api";
import { searchTerms } from "./highlight";
import { isDate } from "./dates";
import type { Notices } from "./notices.svelte";

export interface SearchForm {
  text: string;
  from: string;
  to: string;
  tag: string;
  satMin: number | undefined;
  satMax: number | undefined;
  techMin: number | undefined;
  techMax: number | undefined;
}

export function emptySearchForm(): SearchForm {
  return {
    text: "",
    from: "",
    to: "",
    tag: "",
    satMin: undefined,
    satMax: undefined,
    techMin: undefined,
    techMax: undefined,
  };
}

function range(
  min: number | undefined,
  max: number | undefined,
  lo: number,
  hi: number,
): [number, number] | undefined {
  if (min === undefined && max === undefined) return undefined;
  return [min ?? lo, max ?? hi];
}

/** The filters the shell expects; empty inputs are absent, half-open ranges are closed. */
export function toSearchFilters(form: SearchForm): SearchFilters {
  const filters: SearchFilters = { text: form.text.trim(), tags: [] };
  if (form.from) filters.from = form.from;
  if (form.to) filters.to = form.to;
  const tag = form.tag.trim();
  if (tag) filters.tags = [tag];
  const satisfaction = range(form.satMin, form.satMax, 1, 10);
  if (satisfaction) filters.satisfaction = satisfaction;
  const technical = range(form.techMin, form.techMax, 0, 100);
  if (technical) filters.technical_share = technical;
  return filters;
}

/** Why these filters cannot be searched, or null. */
export function searchProblem(form: SearchForm): string | null {
  if (form.from && !isDate(form.from)) return "The start date is not a valid date.";
  if (form.to && !isDate(form.to)) return "The end date is not a valid date.";
  if (form.from && form.to && form.from > form.to) return "The start date is after the end date.";
  const inRange = (v: number | undefined, lo: number, hi: number) =>
    v === undefined || (Number.isInteger(v) && v >= lo && v <= hi);
  if (!inRange(form.satMin, 1, 10) || !inRange(form.satMax, 1, 10)) {
    return "Satisfaction runs from 1 to 10.";
  }
  if (!inRange(form.techMin, 0, 100) || !inRange(form.techMax, 0, 100)) {
    return "Technical share runs from 0 to 100.";
  }
  if (form.satMin !== undefined && form.satMax !== undefined && form.satMin > form.satMax) {
    return "The lowest satisfaction is above the highest.";
  }
  if (form.techMin !== undefined && form.techMax !== undefined && form.techMin > form.techMax) {
    return "The lowest technical share is above the highest.";
  }
  return null;
}

/** True when the form asks for anything at all (otherwise the timeline shows instead). */
export function isActive(form: SearchForm): boolean {
  const f = toSearchFilters(form);
  return (
    f.text !== "" ||
    f.from !== undefined ||
    f.to !== undefined ||
    f.tags.length > 0 ||
    f.satisfaction !== undefined ||
    f.technical_share !== undefined
  );
}

/** How many results are asked for at a time; "Show more" asks for the next page. */
export const SEARCH_PAGE = 100;

export class Search {
  form = $state(emptySearchForm());
  /** The newest matches, a page or more of them. */
  results = $state<Found[]>([]);
  /** How many entries match in all. */
  total = $state(0);
  busy = $state(false);
  /** The results belong to the current form (false while typing ahead of the debounce). */
  settled = $state(true);
  readonly problem = $derived(searchProblem(this.form));
  readonly active = $derived(isActive(this.form));
  /** The words to mark in what is shown (the results' snippets come marked from the core). */
  readonly terms = $derived(searchTerms(this.form.text));

  #notices: Notices;
  #debounceMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;
  #limit = SEARCH_PAGE;

  constructor(notices: Notices, debounceMs = 250) {
    this.#notices = notices;
    this.#debounceMs = debounceMs;
  }

  set<K extends keyof SearchForm>(key: K, value: SearchForm[K]): void {
    this.form[key] = value;
    this.#limit = SEARCH_PAGE;
    this.settled = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, this.#debounceMs);
  }

  reset(): void {
    this.form = emptySearchForm();
    this.results = [];
    this.total = 0;
    this.#limit = SEARCH_PAGE;
    this.settled = true;
  }

  /** The next page of the same search. */
  async more(): Promise<void> {
    this.#limit = this.results.length + SEARCH_PAGE;
    await this.run();
  }

  async run(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const generation = ++this.#generation;
    if (!this.active || this.problem) {
      this.results = [];
      this.total = 0;
      this.settled = true;
      return;
    }
    this.busy = true;
    try {
      const page = await api.searchEntries(toSearchFilters($state.snapshot(this.form)), this.#limit);
      // A slower, older search must not replace a newer one's results.
      if (generation === this.#generation) {
        this.results = page.results;
        this.total = page.total;
      }
    } catch (err) {
      if (generation === this.#generation) {
        this.results = [];
        this.total = 0;
      }
      this.#notices.report(err, "Search failed");
    } finally {
      if (generation === this.#generation) {
        this.busy = false;
        this.settled = true;
      }
    }
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
