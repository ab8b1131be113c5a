// Which main view is showing, a pending request to focus the search box (Ctrl+K), which the
// search box takes up once it is on screen, and a past day to open for writing in the Journal
// (Today's "Fill in yesterday?"), which the Journal takes up when it opens.
export type View = "today" | "journal" | "insights" | "export" | "settings";

/** The DOM event the shell dispatches on the window to bring the person to Today's check-in
 *  (src-tauri/src/window.rs: the reminder chosen, or the tray's "Check in now"). */
export const CHECK_IN_EVENT = "dualtrack:check-in";

export class Nav {
  view = $state<View>("today");
  searchFocusPending = $state(false);
  dayToEdit = $state<string | null>(null);

  go(view: View): void {
    this.view = view;
  }

  focusSearch(): void {
    this.view = "journal";
    this.searchFocusPending = true;
  }

  /** Shows the Journal with `date` open in its editor. */
  editDay(date: string): void {
    this.dayToEdit = date;
    this.view = "journal";
  }

  /** The day to open for writing, once. */
  takeDayToEdit(): string | null {
    const date = this.dayToEdit;
    this.dayToEdit = null;
    return date;
  }
}
