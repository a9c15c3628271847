import { vi } from "vitest";
import { testSession } from "./test-session";

// Integration files call server actions, pages and route handlers outside Next: there is no request, so no
// next-auth cookie and no cache to revalidate. Every file acts as `testSession` says (test-session.ts), set
// here once for the project rather than by a vi.mock in each file, so that the files can share their workers'
// module graphs (vitest.config.ts). The session starts signed out in every file.
vi.mock("@/lib/auth/actor", async () => {
  const session = await import("./test-session");
  return {
    getActor: async () => session.currentTestActor(),
    getSessionActor: async () =>
      session.testSession.actor
        ? { actor: session.testSession.actor, mfaEnrolmentPending: session.testSession.pending }
        : null,
    requireActor: async () => {
      const actor = session.currentTestActor();
      if (!actor) throw new Error("requireActor: no test actor (set testSession.actor)");
      return actor;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

testSession.actor = null;
testSession.pending = false;
