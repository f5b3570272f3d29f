import { describe, expect, it } from "vitest";
import {
  ExactNumber,
  parseExactJson,
  stringifyExactJson,
} from "../../../maelstrom/output/exact-json.js";

describe("exact JSON from nodes", () => {
  it("keeps 64-bit integers and 5.0 exactly, and ordinary numbers as numbers", () => {
    const line =
      '{"id":7000000000001000001,"a":5.0,"b":5,"c":1e3,"d":0.25,"s":"5.0 1234567890123456789"}';
    const value = parseExactJson(line) as Record<string, unknown>;
    expect(value.id).toEqual(new ExactNumber("7000000000001000001"));
    expect(value.a).toEqual(new ExactNumber("5.0"));
    expect(value.c).toEqual(new ExactNumber("1e3"));
    expect([value.b, value.d, value.s]).toEqual([5, 0.25, "5.0 1234567890123456789"]);
    expect(stringifyExactJson(value)).toBe(line);
  });

  it("takes the native path for ordinary lines", () => {
    expect(parseExactJson('{"x":[1,2.5,"n"]}')).toEqual({ x: [1, 2.5, "n"] });
    expect(stringifyExactJson({ x: "\u0000 not a mark" })).toBe('{"x":"\\u0000 not a mark"}');
  });
});
