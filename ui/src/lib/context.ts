// The app-wide services every view needs — the session (lock, unlock) and the error banner —
// handed down through Svelte context rather than threaded through every component's props.
import { getContext, setContext } from "svelte";
import type { Notices } from "./notices.svelte";
import type { Session } from "./session.svelte";

export interface AppServices {
  session: Session;
  notices: Notices;
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

/** The context map for mounting a view on its own (tests). */
export function servicesContext(services: AppServices): Map<symbol, AppServices> {
  return new Map([[KEY, services]]);
}
