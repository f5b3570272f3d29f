/**
 * Settings of the broadcast node. They come from `TREECAST_*` environment variables (Maelstrom
 * passes its environment to the nodes, and its CLI would reject unknown flags), read once by
 * `src/bin/broadcast.ts` and handed to the program as a plain object: node logic never reads
 * the environment itself.
 *
 * A profile gives every setting; single variables override it. Anything unknown or invalid is
 * an error, so a typo stops the node at start instead of silently running the defaults.
 */
import type { ReplicaKind } from "../../../crdt/index.js";

export type ProfileName = "default" | "efficient" | "fast";

export const PROFILE_NAMES: readonly ProfileName[] = ["default", "efficient", "fast"];

export interface BroadcastConfig {
  readonly profile: ProfileName;
  /** Children per node in the spanning tree; n−1 or more makes a star around node_ids[0]. */
  readonly fanout: number;
  /**
   * Longest a value waits before it is pushed to the parent (0: at once). Once the parent has
   * reported its tick phase, the push goes out earlier if a slot that reaches the parent
   * `alignMarginMs` before its next tick comes sooner.
   */
  readonly leafFlushMs: number;
  /** Time pushes to the parent by its tick phase (only matters when leafFlushMs > 0). */
  readonly align: boolean;
  /** How long before the parent's tick an aligned push should arrive there. */
  readonly alignMarginMs: number;
  /** Period of the pushes from a node to its children. */
  readonly tickMs: number;
  /**
   * Time without any send to a neighbour after which data it has not acknowledged is resent;
   * a node that received data and sent nothing back for half of it sends a bare ack.
   */
  readonly retryMs: number;
  /** Which set replica the node runs (the whole cluster must agree). */
  readonly replica: ReplicaKind;
  /**
   * Reply `broadcast_ok` only once a neighbour has acknowledged the value, so that a node that
   * crashes right after the reply cannot take an acknowledged value with it (docs/PROTOCOL.md).
   */
  readonly okAfterCopy: boolean;
  /**
   * Send a client's new value to a neighbour (the parent; the root: a child) before replying
   * `broadcast_ok`, so that a crash right after the reply cannot lose it (docs/PROTOCOL.md).
   * Leaves then push every value at once, whatever `leafFlushMs`.
   */
  readonly copyBeforeOk: boolean;
}

/**
 * All are stars around node_ids[0] for up to 25 nodes.
 * - default (for 3d): leaves push at once, the hub every 375 ms.
 * - efficient (for 3e): the hub pushes every 1300 ms and leaves time their pushes to reach it
 *   just before its tick.
 * - fast (star-rpc's latency, in `bin/maelstrom compare`, at a fraction of its messages): as
 *   default with the hub pushing every 20 ms, so a value waits at most 20 ms at the hub.
 * What each costs and why: docs/PROTOCOL.md; measured figures: docs/BENCHMARKS.md.
 */
export const PROFILES: Readonly<Record<ProfileName, BroadcastConfig>> = {
  default: {
    profile: "default",
    fanout: 24,
    leafFlushMs: 0,
    align: true,
    alignMarginMs: 50,
    tickMs: 375,
    retryMs: 3000,
    replica: "yjs",
    okAfterCopy: false,
    copyBeforeOk: true,
  },
  efficient: {
    profile: "efficient",
    fanout: 24,
    leafFlushMs: 1300,
    align: true,
    alignMarginMs: 50,
    tickMs: 1300,
    retryMs: 3000,
    replica: "yjs",
    okAfterCopy: false,
    copyBeforeOk: false,
  },
  fast: {
    profile: "fast",
    fanout: 24,
    leafFlushMs: 0,
    align: true,
    alignMarginMs: 50,
    tickMs: 20,
    retryMs: 3000,
    replica: "yjs",
    okAfterCopy: false,
    copyBeforeOk: true,
  },
};

interface IntegerSetting {
  key: "fanout" | "leafFlushMs" | "alignMarginMs" | "tickMs" | "retryMs";
  min: number;
  max: number;
}

const INTEGER_SETTINGS: Readonly<Record<string, IntegerSetting>> = {
  TREECAST_FANOUT: { key: "fanout", min: 1, max: 100_000 },
  TREECAST_LEAF_FLUSH_MS: { key: "leafFlushMs", min: 0, max: 600_000 },
  TREECAST_ALIGN_MARGIN_MS: { key: "alignMarginMs", min: 0, max: 600_000 },
  TREECAST_TICK_MS: { key: "tickMs", min: 1, max: 600_000 },
  TREECAST_RETRY_MS: { key: "retryMs", min: 1, max: 600_000 },
};

/** Settings given as "on" or "off". */
const SWITCHES: Readonly<Record<string, "align" | "okAfterCopy" | "copyBeforeOk">> = {
  TREECAST_ALIGN: "align",
  TREECAST_OK_AFTER_COPY: "okAfterCopy",
  TREECAST_COPY_BEFORE_OK: "copyBeforeOk",
};

export const CONFIG_VARIABLES: readonly string[] = [
  "TREECAST_PROFILE",
  ...Object.keys(INTEGER_SETTINGS),
  ...Object.keys(SWITCHES),
  "TREECAST_REPLICA",
];

export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid broadcast settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Builds the settings from an environment (only its `TREECAST_*` entries are looked at).
 * Throws ConfigError listing every problem.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): BroadcastConfig {
  const problems: string[] = [];
  const known = new Set(CONFIG_VARIABLES);
  for (const name of Object.keys(env).sort()) {
    if (name.startsWith("TREECAST_") && !known.has(name)) {
      problems.push(`unknown variable ${name} (known: ${CONFIG_VARIABLES.join(", ")})`);
    }
  }

  const profileName = env.TREECAST_PROFILE ?? "default";
  let config: BroadcastConfig = PROFILES.default;
  if (PROFILE_NAMES.includes(profileName as ProfileName))
    config = PROFILES[profileName as ProfileName];
  else
    problems.push(
      `TREECAST_PROFILE must be one of ${PROFILE_NAMES.map((name) => `"${name}"`).join(", ")}, got ${JSON.stringify(profileName)}`,
    );

  const overrides: { -readonly [K in keyof BroadcastConfig]?: BroadcastConfig[K] } = {};
  for (const [name, { key, min, max }] of Object.entries(INTEGER_SETTINGS)) {
    const raw = env[name];
    if (raw === undefined) continue;
    const value = /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    } else {
      overrides[key] = value;
    }
  }
  for (const [name, key] of Object.entries(SWITCHES)) {
    const raw = env[name];
    if (raw === undefined) continue;
    if (raw === "on" || raw === "off") overrides[key] = raw === "on";
    else problems.push(`${name} must be "on" or "off", got ${JSON.stringify(raw)}`);
  }
  const replica = env.TREECAST_REPLICA;
  if (replica !== undefined) {
    if (replica === "yjs" || replica === "plain") overrides.replica = replica;
    else problems.push(`TREECAST_REPLICA must be "yjs" or "plain", got ${JSON.stringify(replica)}`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, ...overrides };
}

/** One line for the log: what the node runs with. */
export function describeConfig(config: BroadcastConfig): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}
