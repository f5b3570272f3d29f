import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Json, MalformedInput, type SummaryWire } from "../../crdt/index.js";
import {
  decodeGossip,
  encodeGossip,
  GOSSIP,
  type GossipMessage,
} from "../../src/programs/broadcast/gossip-codec.js";
import type { Body } from "../../src/runtime/protocol.js";

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const summary = fc
  .uniqueArray(
    fc.tuple(
      fc.nat(),
      fc.nat({ max: Number.MAX_SAFE_INTEGER }).filter((n) => n > 0),
    ),
    {
      selector: ([log]) => log,
    },
  )
  .map((entries) => new Map(entries));
/** Logs named by their number, as the yjs replica does (any number). */
const byNumber: SummaryWire = {
  logName: String,
  logOf: (name) => (/^(?:0|[1-9][0-9]*)$/.test(name) ? Number(name) : undefined),
};
const delta = fc.oneof(
  fc.base64String(),
  fc.dictionary(fc.string(), fc.record({ from: fc.nat(), values: fc.array(fc.jsonValue()) })),
) as fc.Arbitrary<Json>;
const tick = fc.record({
  sentAt: finite,
  waited: finite,
  every: finite.filter((n) => n > 0),
});
const message: fc.Arbitrary<GossipMessage> = fc.record(
  {
    epoch: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    summary,
    delta,
    wantAck: fc.constant(true),
    sentAt: finite,
    forTick: fc.constant(true),
    tick,
  },
  { requiredKeys: ["epoch", "summary"] },
);

/** Through JSON text, as between two processes. */
const overTheWire = (body: Body): Body => JSON.parse(JSON.stringify(body)) as Body;

describe("gossip codec", () => {
  test.prop([message])("decode(encode(m)) is m, through JSON text", (m) => {
    const body = overTheWire(encodeGossip(m, byNumber));
    expect(body.type).toBe(GOSSIP);
    // JSON has no -0: compare with what JSON keeps of m.
    const { summary: sent, ...rest } = m;
    expect(decodeGossip(body, byNumber)).toEqual({
      ...JSON.parse(JSON.stringify(rest)),
      summary: sent,
    });
  });

  it("leaves unset and false fields off the wire", () => {
    const once = new Map([[0, 2]]);
    expect(
      encodeGossip({ epoch: 7, summary: once, wantAck: false, forTick: false }, byNumber),
    ).toEqual({
      type: "gossip",
      epoch: 7,
      summary: { "0": 2 },
    });
    expect(
      encodeGossip(
        { epoch: 0, summary: new Map(), sentAt: 5, tick: { sentAt: 1, waited: 2, every: 3 } },
        byNumber,
      ),
    ).toEqual({
      type: "gossip",
      epoch: 0,
      summary: {},
      sent_at: 5,
      tick: { sent_at: 1, waited: 2, every: 3 },
    });
  });

  it("reads the summary with the receiver's log names", () => {
    const onlyZero: SummaryWire = {
      logName: () => "zero",
      logOf: (name) => (name === "zero" ? 0 : undefined),
    };
    const decoded = decodeGossip({ type: GOSSIP, epoch: 1, summary: { zero: 1 } }, onlyZero);
    expect(decoded.summary).toEqual(new Map([[0, 1]]));
    expect(() => decodeGossip({ type: GOSSIP, epoch: 1, summary: { "0": 1 } }, onlyZero)).toThrow(
      /unknown key "0"/,
    );
  });

  it("names the bad field", () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ summary: {} }, /epoch must be a non-negative integer/],
      [{ summary: {}, epoch: 1.5 }, /epoch must be a non-negative integer/],
      [{ summary: {}, epoch: -1 }, /epoch must be a non-negative integer/],
      [{ epoch: 1 }, /no summary/],
      [{ epoch: 1, summary: [1] }, /summary must be a JSON object/],
      [{ epoch: 1, summary: { "1": 1.5 } }, /count for 1 /],
      [{ epoch: 1, summary: { a: 1 } }, /unknown key "a"/],
      [{ epoch: 1, summary: {}, want_ack: 1 }, /want_ack must be a boolean/],
      [{ epoch: 1, summary: {}, for_tick: "yes" }, /for_tick must be a boolean/],
      [{ epoch: 1, summary: {}, sent_at: "now" }, /sent_at must be a number/],
      [{ epoch: 1, summary: {}, tick: { sent_at: 1, waited: 2 } }, /tick must be/],
      [{ epoch: 1, summary: {}, tick: { sent_at: 1, waited: 2, every: -1 } }, /tick must be/],
    ];
    for (const [fields, reason] of cases) {
      expect(() => decodeGossip({ type: GOSSIP, ...fields }, byNumber), reason.source).toThrow(
        reason,
      );
    }
    expect(() => decodeGossip({ type: "broadcast", summary: {} }, byNumber)).toThrow(
      /not a gossip body/,
    );
  });

  test.prop([
    fc.dictionary(
      fc.constantFrom("epoch", "summary", "delta", "want_ack", "sent_at", "for_tick", "tick"),
      fc.jsonValue(),
    ),
  ])("any body either decodes or throws MalformedInput, never anything else", (fields) => {
    try {
      decodeGossip({ ...fields, type: GOSSIP }, byNumber);
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedInput);
    }
  });
});
