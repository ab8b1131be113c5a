// The Export view's state (PRODUCT §6): the range, format and redaction of a report, the preview
// of exactly what will leave the journal, and the export itself — optionally encrypted with a
// passphrase, never over an existing file unless the person said "replace". The preview follows
// every change a moment later; only the newest preview may land, so it never describes an older
// choice. The passphrase lives here only until the export succeeds.
import {
  api,
  type Exported,
  type ExportRequest,
  type Redaction,
  type ReportFormat,
  type ReportPreview,
} from "./api";
import { localDate } from "./dates";
import { describeError, type Problem } from "./errors";
import { NUMBER_FIELDS, type NumberField } from "./fields";
import type { Notices } from "./notices.svelte";
import { customRange, presetRange, type Preset, type Range, type RangeChoice } from "./range";

export const FORMATS: { format: ReportFormat; label: string; hint: string }[] = [
  { format: "pdf", label: "PDF", hint: "summary figures, charts and entries; fonts embedded" },
  { format: "html", label: "HTML", hint: "the same as one self-contained page" },
  { format: "md", label: "Markdown", hint: "summary figures and entries as plain text" },
  { format: "csv", label: "CSV", hint: "one row per entry, for a spreadsheet" },
  { format: "json", label: "JSON", hint: "every entry with its fields; Dualtrack imports it back" },
];

export const PREVIEW_DEBOUNCE_MS = 150;

/** PDF, HTML and Markdown carry summary figures; CSV and JSON carry entries only, so "summary
 *  only" would leave them empty. */
export function hasSummary(format: ReportFormat): boolean {
  return format === "pdf" || format === "html" || format === "md";
}

const AGE = /\.age$/i;
const FORMAT_EXT = /\.(pdf|html|md|csv|json)$/i;

/** The path with `.age` at the end (an empty path stays empty). */
export function withAge(path: string): string {
  return path === "" || AGE.test(path) ? path : `${path}.age`;
}

export function withoutAge(path: string): string {
  return path.replace(AGE, "");
}

/** The same directory and name with the format's extension: a known report extension is
 *  replaced, anything else is kept and the extension added; `.age` stays last. */
export function withFormat(path: string, format: ReportFormat): string {
  if (path === "") return path;
  const encrypted = AGE.test(path);
  const plain = withoutAge(path);
  const cut = Math.max(plain.lastIndexOf("/"), plain.lastIndexOf("\\")) + 1;
  const dir = plain.slice(0, cut);
  const base = plain.slice(cut);
  const renamed = `${dir}${FORMAT_EXT.test(base) ? base.replace(FORMAT_EXT, "") : base}.${format}`;
  return encrypted ? `${renamed}.age` : renamed;
}

/** Why this passphrase pair cannot encrypt the file, or null when it can. */
export function exportPassphraseProblem(passphrase: string, confirm: string): string | null {
  if (passphrase.trim() === "") return "Enter a passphrase to encrypt the file with.";
  if (confirm === "") return "Type the passphrase again to confirm it.";
  if (passphrase !== confirm) return "The two passphrases do not match.";
  return null;
}

export interface ExportOptions {
  /** Quiet time after the last change before the preview is asked for. */
  debounceMs?: number;
  /** Local `YYYY-MM-DD` the presets end on. */
  today?: string;
}

export class ExportState {
  readonly today: string;
  choice = $state<RangeChoice>("90");
  /** The range inputs; a preset fills them in, typing in them makes the range custom. */
  from = $state("");
  to = $state("");
  format = $state<ReportFormat>("pdf");
  includeText = $state(true);
  includeTags = $state(true);
  /** The person's choice; it applies only to formats with a summary (see `summaryApplies`). */
  summaryOnly = $state(false);
  /** Numeric fields left out, in the order of the form. */
  omitted = $state<NumberField[]>([]);
  encrypt = $state(false);
  passphrase = $state("");
  confirm = $state("");
  /** Where the file goes; the preview's suggestion until the person edits it. */
  path = $state("");
  pathEdited = $state(false);
  preview = $state.raw<ReportPreview | null>(null);
  previewing = $state(false);
  /** The preview describes the current choices (false while a change waits for its preview). */
  settled = $state(true);
  previewError = $state<Problem | null>(null);
  exporting = $state(false);
  result = $state.raw<Exported | null>(null);
  error = $state<Problem | null>(null);
  /** A file is already at this path: the person is asked whether to replace it. */
  replacing = $state<string | null>(null);
  /** An export was tried, so problems with the passphrase are shown even before typing. */
  attempted = $state(false);

  readonly summaryApplies = $derived(hasSummary(this.format));
  /** JSON is the exchange format: it carries every entry whole, so it imports back exactly
   *  and a re-import can never blank a field. */
  readonly redactionApplies = $derived(this.format !== "json");
  readonly range = $derived.by((): Range | { problem: string } =>
    this.choice === "custom" ? customRange(this.from, this.to) : presetRange(this.choice, this.today),
  );
  readonly rangeProblem = $derived("problem" in this.range ? this.range.problem : null);
  readonly redaction = $derived.by(
    (): Redaction =>
      this.redactionApplies
        ? {
            no_text: !this.includeText,
            no_tags: !this.includeTags,
            summary_only: this.summaryApplies && this.summaryOnly,
            omit_fields: NUMBER_FIELDS.filter((f) => this.omitted.includes(f)),
          }
        : { no_text: false, no_tags: false, summary_only: false, omit_fields: [] },
  );
  /** What preview and export are asked for; null while the range is not valid. */
  readonly request = $derived.by((): ExportRequest | null => {
    const range = this.range;
    if ("problem" in range) return null;
    const request: ExportRequest = { format: this.format, redaction: this.redaction };
    if (range.from !== undefined) request.from = range.from;
    if (range.to !== undefined) request.to = range.to;
    return request;
  });
  readonly passphraseProblem = $derived(this.encrypt ? exportPassphraseProblem(this.passphrase, this.confirm) : null);
  /** Shown beside the fields: after an export was tried, or once the confirmation has gone wrong
   *  (not while it is still a correct prefix being typed). */
  readonly passphraseHint = $derived(
    this.attempted || (this.confirm !== "" && !this.passphrase.startsWith(this.confirm)) ? this.passphraseProblem : null,
  );
  /** The path the file is written to: what is shown, with `.age` when encrypting. */
  readonly target = $derived(this.encrypt ? withAge(this.path.trim()) : this.path.trim());

  #notices: Notices;
  #debounceMs: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #generation = 0;

  constructor(notices: Notices, options: ExportOptions = {}) {
    this.#notices = notices;
    this.#debounceMs = options.debounceMs ?? PREVIEW_DEBOUNCE_MS;
    this.today = options.today ?? localDate();
    this.#fill(presetRange("90", this.today));
  }

  choose(preset: Preset): void {
    this.choice = preset;
    this.#fill(presetRange(preset, this.today));
    this.#changed();
  }

  /** Custom range with the days the inputs show now (a preset's, until they are edited). */
  useCustom(): void {
    this.choice = "custom";
    this.#changed();
  }

  setCustom(end: "from" | "to", value: string): void {
    if (this.choice === "custom" && this[end] === value) return;
    this[end] = value;
    this.choice = "custom";
    this.#changed();
  }

  setFormat(format: ReportFormat): void {
    if (format === this.format) return;
    this.format = format;
    // At once, so an export before the new preview lands still gets the right extension.
    this.path = withFormat(this.path, format);
    this.#changed();
  }

  setIncludeText(on: boolean): void {
    this.includeText = on;
    this.#changed();
  }

  setIncludeTags(on: boolean): void {
    this.includeTags = on;
    this.#changed();
  }

  setSummaryOnly(on: boolean): void {
    this.summaryOnly = on;
    this.#changed();
  }

  /** Includes or leaves out one numeric field. */
  setField(field: NumberField, included: boolean): void {
    this.omitted = NUMBER_FIELDS.filter((f) => (f === field ? !included : this.omitted.includes(f)));
    this.#changed();
  }

  setEncrypt(on: boolean): void {
    this.encrypt = on;
    this.path = on ? withAge(this.path) : withoutAge(this.path);
    if (!on) {
      this.passphrase = "";
      this.confirm = "";
      this.attempted = false;
    }
    this.#touch();
  }

  setPassphrase(value: string): void {
    this.passphrase = value;
    this.#touch();
  }

  setConfirm(value: string): void {
    this.confirm = value;
    this.#touch();
  }

  /** The person typed a path; an emptied field goes back to the suggestion. */
  setPath(value: string): void {
    this.path = value;
    this.pathEdited = value.trim() !== "";
    this.#touch();
  }

  /** Asks for a path in the save dialog; a cancelled dialog changes nothing. */
  async choosePath(): Promise<void> {
    this.#touch();
    try {
      const chosen = await api.chooseExportPath(this.target || (this.preview?.suggested_path ?? ""), this.format);
      if (chosen !== null) this.setPath(this.encrypt ? withAge(chosen) : chosen);
    } catch (err) {
      this.error = this.#problem(err);
    }
  }

  /** Asks for the preview now (the view's first load; a pending debounced one is replaced). */
  async refresh(): Promise<void> {
    this.#cancelTimer();
    const generation = ++this.#generation;
    const request = this.request;
    if (request === null) {
      // The range problem is shown where the range is chosen; nothing to ask for.
      this.previewing = false;
      this.settled = true;
      return;
    }
    this.previewing = true;
    try {
      const preview = await api.previewReport(request);
      if (generation !== this.#generation) return;
      this.preview = preview;
      this.previewError = null;
      if (!this.pathEdited) this.path = this.encrypt ? withAge(preview.suggested_path) : preview.suggested_path;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.previewError = this.#problem(err);
    } finally {
      if (generation === this.#generation) {
        this.previewing = false;
        this.settled = true;
      }
    }
  }

  /** Writes the file. Returns true once it is on disk. */
  async export(overwrite = false): Promise<boolean> {
    if (this.exporting) return false;
    this.#touch();
    this.attempted = true;
    const blocked = this.rangeProblem ?? this.passphraseProblem;
    if (blocked) {
      this.error = { kind: "invalid_input", summary: blocked, detail: "", next: "" };
      return false;
    }
    this.exporting = true;
    try {
      // What is written is what the preview shows: bring it up to date first (and with it a
      // suggested path that names the range and format being exported).
      if (!this.settled) await this.refresh();
      const request = this.request;
      const path = this.target;
      if (request === null || path === "") {
        this.error = { kind: "invalid_input", summary: "Choose where to save the report.", detail: "", next: "" };
        return false;
      }
      this.result = await api.exportReport(request, path, overwrite, this.encrypt ? this.passphrase : null);
      this.path = path;
      this.passphrase = "";
      this.confirm = "";
      this.attempted = false;
      return true;
    } catch (err) {
      if (describeError(err).kind === "exists" && !overwrite) {
        this.replacing = this.target;
      } else {
        this.error = this.#problem(err);
      }
      return false;
    } finally {
      this.exporting = false;
    }
  }

  /** "Replace it": the same export again, allowed to overwrite the file. */
  async replace(): Promise<boolean> {
    if (this.replacing === null) return false;
    return this.export(true);
  }

  /** "Keep it": nothing is written; the person can pick another name. */
  keepExisting(): void {
    this.replacing = null;
  }

  dispose(): void {
    this.#cancelTimer();
  }

  #fill(range: Range): void {
    this.from = range.from ?? "";
    this.to = range.to ?? "";
  }

  /** A choice changed: an old result or question no longer applies. */
  #touch(): void {
    this.result = null;
    this.error = null;
    this.replacing = null;
  }

  /** A choice that changes the report changed: touch, and preview it a moment later. */
  #changed(): void {
    this.#touch();
    this.settled = false;
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.refresh();
    }, this.#debounceMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Shown where it happened; a journal that locked itself hands over to the unlock screen. */
  #problem(err: unknown): Problem {
    const problem = describeError(err);
    if (problem.kind === "locked") this.#notices.report(err, "Could not export the report");
    if (problem.kind === "io") {
      return { ...problem, summary: "The file could not be written.", next: "Check that the folder exists and can be written to, then try again." };
    }
    return problem;
  }
}
