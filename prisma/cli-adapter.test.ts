import { describe, expect, it } from "vitest";
import { splitSqlScript } from "./cli-adapter";

describe("splitSqlScript", () => {
  it("splits at semicolons between statements, as adapter-pg does", () => {
    expect(splitSqlScript('CREATE TABLE "A" ("x" INT);\n\nCREATE INDEX "i" ON "A" ("x");\n')).toEqual([
      'CREATE TABLE "A" ("x" INT)',
      'CREATE INDEX "i" ON "A" ("x")',
    ]);
  });

  it("keeps a dollar-quoted function body whole", () => {
    const body =
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  DELETE FROM a;\n  RETURN NULL;\nEND\n$$";
    expect(splitSqlScript(`${body};\nCREATE TRIGGER t AFTER DELETE ON a EXECUTE FUNCTION f();`)).toEqual([
      body,
      "CREATE TRIGGER t AFTER DELETE ON a EXECUTE FUNCTION f()",
    ]);
    expect(splitSqlScript("SELECT $tag$ a; b $tag$; SELECT 2")).toEqual(["SELECT $tag$ a; b $tag$", "SELECT 2"]);
  });

  it("ignores semicolons in strings, quoted identifiers and comments", () => {
    expect(splitSqlScript(`SELECT 'a;b', "c;d" -- e;f\nFROM x; /* g; */ SELECT 1`)).toEqual([
      `SELECT 'a;b', "c;d" -- e;f\nFROM x`,
      "/* g; */ SELECT 1",
    ]);
  });
});
