import { describe, expect, it } from "vitest";
import { describeError } from "./errors";
import { Notices } from "./notices.svelte";

describe("describeError", () => {
  it("gives each core kind a summary and a next step, keeping the core's message as detail", () => {
    const p = describeError({ kind: "wrong_recovery_code", message: "wrong recovery code" });
    expect(p).toEqual({
      kind: "wrong_recovery_code",
      summary: "That recovery code did not work.",
      detail: "Wrong recovery code.",
      next: "Check it character by character, or use your passphrase.",
    });
    for (const kind of ["key_unavailable", "key_mismatch", "no_unlock_path", "corrupt", "entry_not_found", "busy", "in_use", "interrupted_change", "read_only", "render", "entry_exists", "invalid_import"]) {
      const d = describeError({ kind, message: "x" });
      expect(d.summary, kind).not.toBe(describeError({ kind: "internal", message: "x" }).summary);
      expect(d.next, kind).not.toBe("");
    }
  });

  it("treats an unknown kind or a thrown string as internal, still with a next step", () => {
    expect(describeError({ kind: "brand_new_kind", message: "m" }).next).toMatch(/restart Dualtrack/);
    const fromString = describeError("boom");
    expect([fromString.kind, fromString.detail]).toEqual(["internal", "Boom."]);
  });
});

describe("Notices", () => {
  it("keeps the action with the described failure until dismissed", () => {
    const notices = new Notices();
    notices.report({ kind: "disk_full", message: "the disk is full" }, "Could not save the entry");
    expect(notices.current).toMatchObject({ kind: "disk_full", action: "Could not save the entry" });
    notices.dismiss();
    expect(notices.current).toBeNull();
  });
});
