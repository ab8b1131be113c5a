// Which main view is showing, and a pending request to focus the search box (Ctrl+K), which the
// search box takes up once it is on screen.
export type View = "today" | "journal" | "insights" | "export" | "settings";

export class Nav {
  view = $state<View>("today");
  searchFocusPending = $state(false);

  go(view: View): void {
    this.view = view;
  }

  focusSearch(): void {
    this.view = "journal";
    this.searchFocusPending = true;
  }
}
