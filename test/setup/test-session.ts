import { AsyncLocalStorage } from "node:async_hooks";
import type { Actor } from "../../lib/authz/policy";

/**
 * Who the integration tests act as: test/setup/signed-in-as.ts replaces lib/auth/actor with functions that
 * read this instead of a next-auth cookie. `request` scopes an actor to one simulated request, for tests that
 * run two actors' requests at once; `pending` is a session that must still set up its second factor.
 */
export interface TestSession {
  actor: Actor | null;
  pending: boolean;
  request: AsyncLocalStorage<Actor>;
}

// On globalThis: the integration files share their workers' module graphs (vitest.config.ts), and the mocked
// module and every test file must reach the same holder.
const holder = globalThis as unknown as { rampartTestSession?: TestSession };
holder.rampartTestSession ??= { actor: null, pending: false, request: new AsyncLocalStorage<Actor>() };
export const testSession: TestSession = holder.rampartTestSession;

/** The actor a server action or page of the test sees: the request's own, else the session's. */
export function currentTestActor(): Actor | null {
  if (testSession.pending) return null;
  return testSession.request.getStore() ?? testSession.actor;
}
