// The tags already in use, most used first, for completion in the check-in and search boxes.
import { api } from "./api";

export class TagList {
  names = $state<string[]>([]);

  async load(): Promise<void> {
    try {
      const counts = await api.listTags();
      this.names = [...counts].sort((a, b) => b.days - a.days || a.tag.localeCompare(b.tag)).map((c) => c.tag);
    } catch {
      // Completion is a convenience; typing a tag works without it.
    }
  }
}
