// `npm run screenshots`: the README's pictures of the demo as it is today (issue 19). Start the demo first
// (`npm start`), then run this; it signs in as the demo consultant and writes docs/screenshots/
// {scorecard,portfolio,trends}-desktop.png (1280 px) and scorecard-phone.png (390 px).
// `npm run screenshots -- <url>` points at another running demo.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, request } from "@playwright/test";
import sharp from "sharp";
import { withFreshTotpCode } from "../lib/auth/testing/fresh-totp";
import { DEMO_USERS } from "../prisma/demo-users";

const baseUrl = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const outDir = path.resolve("docs/screenshots");
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate));

/** Signs in through next-auth's credentials endpoint, with the demo user's current TOTP code when it has one. */
async function signedInState(email: string, password: string, mfaSecret?: string) {
  const signIn = async (code?: string) => {
    const context = await request.newContext({ baseURL: baseUrl });
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, ...(code ? { code } : {}), callbackUrl: `${baseUrl}/`, json: "true" },
    });
    const session = (await (await context.get("/api/auth/session")).json()) as { userId?: string };
    if (session.userId) return context;
    await context.dispose();
    return null;
  };
  const context = mfaSecret ? await withFreshTotpCode(mfaSecret, signIn) : await signIn();
  if (!context) throw new Error(`Sign-in as ${email} failed. Is the demo running at ${baseUrl}?`);
  const state = await context.storageState();
  await context.dispose();
  return state;
}

async function main(): Promise<void> {
  const consultant = DEMO_USERS.find((user) => user.key === "consultant");
  if (!consultant) throw new Error("The demo has no consultant");
  mkdirSync(outDir, { recursive: true });
  const storageState = await signedInState(consultant.email, consultant.password, consultant.mfaSecret ?? undefined);
  const browser = await chromium.launch({
    executablePath: systemChromium,
    args: systemChromium ? ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] : [],
  });
  const written: string[] = [];
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ storageState, viewport: size.viewport, baseURL: baseUrl });
      const page = await context.newPage();
      const shoot = async (name: string) => {
        await page.waitForLoadState("load");
        // The top of the page as a reader first sees it: one screen, not the whole scroll.
        const png = await page.screenshot({ animations: "disabled" });
        // A 256-colour palette keeps a UI picture sharp at a fraction of the size (README pictures stay small).
        await sharp(png)
          .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
          .toFile(path.join(outDir, `${name}-${size.name}.png`));
        written.push(`${name}-${size.name}.png`);
      };
      if (size.name === "desktop") {
        await page.goto("/portfolio");
        await page.getByTestId("portfolio-score").waitFor();
        await shoot("portfolio");
      }
      await page.goto("/portfolio");
      await page.getByRole("link", { name: "Bluefin Logistics" }).first().click();
      await page.getByTestId("score").waitFor();
      await shoot("scorecard");
      if (size.name === "desktop") {
        await page.goto("/trends");
        await page.locator("figure").first().waitFor();
        await shoot("trends");
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`[screenshots] ${written.join(", ")} written to ${path.relative(process.cwd(), outDir)}/\n`);
}
void main().catch((error: unknown) => {
  process.stderr.write(`[screenshots] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
