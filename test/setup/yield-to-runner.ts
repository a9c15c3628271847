import { afterEach } from "vitest";

// Unit files run one after another in a shared worker (vitest.config.ts). Their tests are synchronous,
// so between them the worker only runs microtasks and never reads the runner's replies: after 60 s
// vitest reports `Timeout calling "onTaskUpdate"` although every test passed. One macrotask turn after
// each test lets the replies in.
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
