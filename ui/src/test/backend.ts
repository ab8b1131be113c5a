// A fake of the shell's commands for tests, installed with mockIPC so that api.ts and the real
// state classes run unchanged. `memoryJournal` keeps entries, drafts and settings in memory with
// the same contracts as the core (drafts are dropped by a save, lists are ordered by date).
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Decision, Entry, Insights, IpcError, JournalStatus, SearchFilters, Settings } from "../lib/api";
import type { ErrorKind } from "../lib/bindings/ErrorKind";
import { addDays } from "../lib/dates";
import { isReminderDay } from "../lib/reminder";
import { insightsFixture } from "./insights";

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;

export interface Call {
  cmd: string;
  args: Args;
}

export class FakeBackend {
  calls: Call[] = [];
  handlers: Record<string, Handler>;

  constructor(handlers: Record<string, Handler> = {}) {
    this.handlers = { ...handlers };
    mockIPC((cmd, payload) => {
      const args = (payload ?? {}) as Args;
      this.calls.push({ cmd, args });
      const handler = this.handlers[cmd];
      if (!handler) throw { kind: "internal", message: `the fake backend has no ${cmd}` };
      return handler(args);
    });
  }

  on(cmd: string, handler: Handler): this {
    this.handlers[cmd] = handler;
    return this;
  }

  /** The arguments of every call to `cmd`, in order. */
  argsOf(cmd: string): Args[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  }

  count(cmd: string): number {
    return this.argsOf(cmd).length;
  }
}

/** What a failed command throws across IPC. */
export function ipcError(kind: ErrorKind, message: string = kind.replace(/_/g, " ")): IpcError {
  return { kind, message };
}

export function fail(kind: ErrorKind, message?: string): () => never {
  return () => {
    throw ipcError(kind, message);
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function status(overrides: Partial<JournalStatus> = {}): JournalStatus {
  return {
    exists: true,
    unlocked: false,
    slots: ["keyring", "recovery_code"],
    keyring_available: true,
    keyring_problem: null,
    data_dir: "/tmp/dualtrack-test",
    ...overrides,
  };
}

export function entry(date: string, fields: Partial<Entry> = {}): Entry {
  return { date, tags: [], text: "", ...fields };
}

export interface MemoryJournal {
  backend: FakeBackend;
  entries: Map<string, Entry>;
  drafts: Map<string, Entry>;
  settings: Settings;
  /** What get_insights answers for a range; by default a fixture with one logged day per entry. */
  insights: (from?: string, to?: string) => Insights;
  decisions: Decision[];
}

/** An unlocked journal held in memory, answering the entry, draft, search, settings, insights,
 *  decision and reminder commands. */
export function memoryJournal(initial: Entry[] = [], settings: Settings = {}): MemoryJournal {
  const entries = new Map(initial.map((e) => [e.date, e]));
  const drafts = new Map<string, Entry>();
  const journal: MemoryJournal = {
    backend: new FakeBackend(),
    entries,
    drafts,
    settings,
    insights: (from, to) => insightsFixture({ n: entries.size, ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    decisions: [],
  };
  const sorted = () => [...entries.values()].sort((a, b) => a.date.localeCompare(b.date));
  journal.backend
    .on("get_entry", ({ date }) => entries.get(date as string) ?? null)
    .on("get_draft", ({ date }) => drafts.get(date as string) ?? null)
    .on("save_draft", ({ entry }) => void drafts.set((entry as Entry).date, entry as Entry))
    .on("discard_draft", ({ date }) => void drafts.delete(date as string))
    .on("save_entry", ({ entry }) => {
      const e = entry as Entry;
      const existed = entries.has(e.date);
      entries.set(e.date, e);
      drafts.delete(e.date);
      return existed ? "updated" : "created";
    })
    .on("delete_entry", ({ date }) => {
      if (!entries.delete(date as string)) throw ipcError("entry_not_found", `no entry for ${String(date)}`);
    })
    .on("day_run", ({ date }) => {
      // The core's Journal::run_ending: days in a row ending on `date`, and the entry before.
      const earlier = sorted()
        .map((e) => e.date)
        .filter((d) => d <= (date as string))
        .reverse();
      let expected = date as string;
      let days = 0;
      for (const d of earlier) {
        if (d !== expected) return { days, previous: d };
        days += 1;
        expected = addDays(d, -1);
      }
      return { days, previous: null };
    })
    .on("list_entries", ({ from, to }) =>
      sorted().filter((e) => (!from || e.date >= (from as string)) && (!to || e.date <= (to as string))),
    )
    .on("on_this_day", ({ date }) =>
      sorted()
        .reverse()
        .filter((e) => e.date.slice(5) === (date as string).slice(5) && e.date < (date as string)),
    )
    .on("search_entries", ({ filters, limit }) => {
      // The core's Journal::find, simply: the count, and the newest `limit` with the matched
      // word marked in a snippet of the text.
      const f = filters as SearchFilters;
      const word = f.text.toLowerCase();
      const found = sorted()
        .reverse()
        .filter((e) => word === "" || e.text.toLowerCase().includes(word))
        .filter((e) => f.tags.every((t) => e.tags.includes(t)))
        .map((entry) => {
          const at = entry.text.toLowerCase().indexOf(word);
          const snippet =
            word === "" || at < 0
              ? []
              : [
                  { text: entry.text.slice(0, at), hit: false },
                  { text: entry.text.slice(at, at + word.length), hit: true },
                  { text: entry.text.slice(at + word.length), hit: false },
                ].filter((p) => p.text !== "");
          return { entry, snippet };
        });
      return { total: found.length, results: found.slice(0, limit as number) };
    })
    .on("draft_dates", ({ from, to }) =>
      [...drafts.keys()].filter((d) => (!from || d >= (from as string)) && (!to || d <= (to as string))).sort(),
    )
    .on("list_tags", () => {
      const counts = new Map<string, number>();
      for (const e of entries.values()) for (const t of e.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      return [...counts].map(([tag, days]) => ({ tag, days }));
    })
    .on("get_settings", () => journal.settings)
    .on("save_settings", ({ settings: s }) => {
      journal.settings = s as Settings;
    })
    .on("get_insights", ({ from, to }) => journal.insights(from as string | undefined, to as string | undefined))
    .on("record_decision", ({ decision }) => void journal.decisions.push(decision as Decision))
    .on("list_decisions", () => [...journal.decisions])
    // The reminder's reach: a desktop with notifications, not started at login.
    .on("reminder_status", () => ({ notifications: true, start_at_login: false }))
    .on("missed_day", ({ today }) => {
      // The core's Journal::missed_day: yesterday, a reminder day without an entry, in a
      // journal that has an entry before it.
      const yesterday = addDays(today as string, -1);
      const missed = isReminderDay(journal.settings, yesterday) && !entries.has(yesterday)
        && sorted().some((e) => e.date < yesterday);
      return missed ? yesterday : null;
    })
    .on("set_start_at_login", () => null);
  return journal;
}
