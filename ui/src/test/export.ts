// A fake of the shell's report commands for the UI tests: `preview_report` answers with a
// preview shaped like the core's (derived from the request, so a test sees its redaction come
// back), `export_report` writes nothing and refuses an existing path unless told to overwrite,
// and the dialog plugin's `save` answers what the test says the person picked.
import type { Exported, ExportRequest, ReportFormat, ReportPreview } from "../lib/api";
import { NUMBER_FIELDS } from "../lib/fields";
import { ipcError, type FakeBackend } from "./backend";

export const DOCUMENTS = "/home/me/Documents";

const SAMPLES = [
  { date: "2026-11-02", line: "Retro went well" },
  { date: "2026-11-03", line: "Hiring loop, two candidates" },
];

export function previewFor(request: ExportRequest, entries = 12): ReportPreview {
  const { redaction, format } = request;
  const from = request.from ?? "2026-01-05";
  const to = request.to ?? "2026-11-28";
  const summary = format === "pdf" || format === "html" || format === "md";
  const written = redaction.summary_only ? 0 : entries;
  const sections = [
    ...(summary ? ["Summary figures"] : []),
    ...(format === "pdf" || format === "html" ? ["Charts"] : []),
    ...(written > 0 ? ["Entries"] : []),
    ...(format === "json" ? ["Settings (role start, trial, phases)"] : []),
  ];
  const fields =
    written === 0
      ? []
      : [
          "date",
          ...NUMBER_FIELDS.filter((f) => !redaction.omit_fields.includes(f)),
          ...(redaction.no_tags ? [] : ["tags"]),
          ...(redaction.no_text ? [] : ["text"]),
        ];
  const withText = written === 0 || redaction.no_text ? 0 : 7;
  const fileName = `dualtrack-report-${from}-${to}.${format}`;
  return {
    format,
    from,
    to,
    entries: written,
    sections,
    fields,
    entries_with_text: withText,
    text_samples: withText === 0 ? [] : SAMPLES,
    tags: redaction.no_tags ? [] : ["deep-work", "hiring"],
    file_name: fileName,
    suggested_path: `${DOCUMENTS}/${fileName}`,
  };
}

export interface ReportFake {
  /** Paths that already hold a file. */
  existing: Set<string>;
  /** What the save dialog answers (null: cancelled). */
  chosen: string | null;
}

export function reportCommands(backend: FakeBackend): ReportFake {
  const fake: ReportFake = { existing: new Set(), chosen: null };
  backend
    .on("preview_report", ({ request }) => previewFor(request as ExportRequest))
    .on("export_report", ({ request, path, overwrite, passphrase }) => {
      const p = path as string;
      if (fake.existing.has(p) && overwrite !== true) throw ipcError("exists", `${p} already exists; choose another name or allow replacing it`);
      fake.existing.add(p);
      const r = request as ExportRequest;
      const exported: Exported = {
        path: p,
        bytes: 2048,
        entries: previewFor(r).entries,
        format: r.format as ReportFormat,
        encrypted: passphrase !== null,
      };
      return exported;
    })
    .on("plugin:dialog|save", () => fake.chosen);
  return fake;
}
