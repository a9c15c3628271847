// `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile>`: where a V8 CPU profile's time went, by
// package (React and Next's runtime, Prisma and its WebAssembly engine, pg, Node's own internals, garbage
// collection, idle) and by function. For the profiles `BENCH_CPU_PROFILE_DIR` makes the bench's server write.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The first of these found in a frame's URL names its group; Node's own modules are `node:`. */
const GROUPS = [
  "next/dist/compiled/next-server",
  "next/dist/server",
  "next/dist/compiled",
  ".next/server",
  "@prisma",
  "wasm://",
  "pg-protocol",
  "pg-pool",
  "/pg/",
  "next-auth",
  "jose",
  "zod",
  "node:",
];

function groupOf(frame: ProfileNode["callFrame"]): string {
  if (!frame.url) return frame.functionName.startsWith("(") ? frame.functionName : `native ${frame.functionName}`;
  const group = GROUPS.find((candidate) => frame.url.includes(candidate));
  if (group) return group;
  const [, inPackage] = frame.url.split("/node_modules/");
  return inPackage
    ? inPackage
        .split("/")
        .slice(0, inPackage.startsWith("@") ? 2 : 1)
        .join("/")
    : "the app's own code";
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error("Usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile>");
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const group = groupOf(frame);
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    const name = `${frame.functionName || "(anonymous)"} ${group}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const print = (title: string, totals: Map<string, number>, count: number) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  console.log(`${file}: ${(totalMs / 1000).toFixed(1)} s sampled`);
  print("Self time by package", byGroup, 20);
  print("Self time by function", byFunction, 20);
}

main();
