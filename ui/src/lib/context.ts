// The app-wide services every view needs — the session (lock, unlock), the error banner and the
// window's preferences — handed down through Svelte context rather than threaded through every component's props.
import { getContext, setContext } from "svelte";
import type { Notices } from "./notices.svelte";
import { Prefs } from "./prefs.svelte";
import type { Session } from "./session.svelte";

export interface AppServices {
  session: Session;
  notices: Notices;
  prefs: Prefs;
}

const KEY = Symbol("dualtrack.services");

export function provideServices(services: AppServices): void {
  setContext(KEY, services);
}

export function services(): AppServices {
  const found = getContext<AppServices | undefined>(KEY);
  if (!found) throw new Error("app services were not provided (render inside App, or pass `context`)");
  return found;
}

/** The context map for mounting a view on its own (tests); fresh preferences unless given. */
export function servicesContext(
  services: Omit<AppServices, "prefs"> & { prefs?: Prefs },
): Map<symbol, AppServices> {
  return new Map([[KEY, { prefs: new Prefs(), ...services }]]);
}
