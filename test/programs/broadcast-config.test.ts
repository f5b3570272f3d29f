import { describe, expect, it } from "vitest";
import {
  CONFIG_VARIABLES,
  ConfigError,
  describeConfig,
  PROFILES,
  parseConfig,
} from "../../src/programs/broadcast/config.js";

describe("broadcast settings", () => {
  it("defaults to the default profile and ignores other variables", () => {
    expect(parseConfig({ PATH: "/bin", HOME: "/root", TREECAST: "x" })).toEqual(PROFILES.default);
  });

  it("selects a profile and lets single variables override it", () => {
    expect(parseConfig({ TREECAST_PROFILE: "efficient" })).toEqual(PROFILES.efficient);
    expect(parseConfig({ TREECAST_PROFILE: "fast" })).toEqual({
      ...PROFILES.default,
      profile: "fast",
      tickMs: 20,
    });
    expect(
      parseConfig({
        TREECAST_PROFILE: "efficient",
        TREECAST_FANOUT: "4",
        TREECAST_LEAF_FLUSH_MS: "0",
        TREECAST_ALIGN_MARGIN_MS: "20",
        TREECAST_TICK_MS: " 300 ",
        TREECAST_RETRY_MS: "5000",
        TREECAST_ALIGN: "off",
        TREECAST_REPLICA: "plain",
        TREECAST_OK_AFTER_COPY: "off",
        TREECAST_COPY_BEFORE_OK: "on",
      }),
    ).toEqual({
      profile: "efficient",
      fanout: 4,
      leafFlushMs: 0,
      align: false,
      alignMarginMs: 20,
      tickMs: 300,
      retryMs: 5000,
      replica: "plain",
      okAfterCopy: false,
      copyBeforeOk: true,
    });
  });

  it("lists every problem: unknown variables and invalid values", () => {
    let error: unknown;
    try {
      parseConfig({
        TREECAST_PROFILE: "turbo",
        TREECAST_FANOUT: "0",
        TREECAST_TICK_MS: "1e3",
        TREECAST_RETRY_MS: "-5",
        TREECAST_LEAF_FLUSH_MS: "",
        TREECAST_REPLICA: "automerge",
        TREECAST_ALIGN: "yes",
        TREECAST_COPY_BEFORE_OK: "1",
        TREECAST_TICKMS: "250",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(9);
    expect(message).toMatch(/TREECAST_ALIGN must be "on" or "off"/);
    expect(message).toMatch(/TREECAST_COPY_BEFORE_OK must be "on" or "off", got "1"/);
    expect(message).toMatch(/unknown variable TREECAST_TICKMS/);
    expect(message).toMatch(
      /TREECAST_PROFILE must be one of "default", "efficient", "fast", got "turbo"/,
    );
    expect(message).toMatch(/TREECAST_FANOUT must be an integer from 1/);
    expect(message).toMatch(/TREECAST_TICK_MS must be an integer .* got "1e3"/);
    expect(message).toMatch(/TREECAST_RETRY_MS/);
    expect(message).toMatch(/TREECAST_LEAF_FLUSH_MS .* got ""/);
    expect(message).toMatch(/TREECAST_REPLICA must be "yjs" or "plain"/);
  });

  it("names every variable it knows and describes itself on one line", () => {
    expect(CONFIG_VARIABLES).toEqual([
      "TREECAST_PROFILE",
      "TREECAST_FANOUT",
      "TREECAST_LEAF_FLUSH_MS",
      "TREECAST_ALIGN_MARGIN_MS",
      "TREECAST_TICK_MS",
      "TREECAST_RETRY_MS",
      "TREECAST_ALIGN",
      "TREECAST_OK_AFTER_COPY",
      "TREECAST_COPY_BEFORE_OK",
      "TREECAST_REPLICA",
    ]);
    expect(describeConfig(PROFILES.default)).toMatch(
      /^profile=default fanout=24 .* replica=yjs okAfterCopy=false copyBeforeOk=true$/,
    );
  });
});
