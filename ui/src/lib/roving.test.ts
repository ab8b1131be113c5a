import { describe, expect, it } from "vitest";
import { moveIndex } from "./roving";

describe("roving focus", () => {
  it("moves by one in a list and by a row in a grid, clamped to the ends", () => {
    expect(moveIndex("ArrowDown", 0, 5)).toBe(1);
    expect(moveIndex("ArrowUp", 0, 5)).toBe(0);
    expect(moveIndex("End", 1, 5)).toBe(4);
    expect(moveIndex("Home", 3, 5)).toBe(0);
    expect(moveIndex("ArrowRight", 2, 5)).toBe(2);
    expect(moveIndex("ArrowDown", 2, 30, 7)).toBe(9);
    expect(moveIndex("ArrowUp", 2, 30, 7)).toBe(0);
    expect(moveIndex("ArrowRight", 29, 30, 7)).toBe(29);
    expect(moveIndex("Enter", 2, 30, 7)).toBeNull();
  });
});
