import { hostname } from "node:os";

// Ids for rows a bulk SQL statement writes into a table whose schema says `@default(cuid())`. They have
// the shape Prisma's cuid() gives ("c" + time + counter + fingerprint + random, 25 characters) and, like
// it, ascend in the order they are made: lists that break ties by id (alerts opened at the same instant)
// keep the order the rows were planned in.

const BASE = 36;
const BLOCK = 4;
const COUNTER_LIMIT = BASE ** BLOCK;

function pad(value: string, size: number): string {
  return value.padStart(size, "0").slice(-size);
}

const fingerprint = (() => {
  let name = "hostname";
  try {
    name = hostname();
  } catch {
    // An unreadable host name changes nothing but the fingerprint.
  }
  const hostPart = [...name].reduce((sum, character) => sum + character.charCodeAt(0), name.length + BASE);
  return pad(process.pid.toString(BASE), 2) + pad(hostPart.toString(BASE), 2);
})();

let counter = 0;

function randomBlock(): string {
  return pad(Math.floor(Math.random() * COUNTER_LIMIT).toString(BASE), BLOCK);
}

/** A new cuid-shaped id (see the note above on ordering). */
export function newCuid(): string {
  counter = counter < COUNTER_LIMIT ? counter : 0;
  const count = counter++;
  return `c${Date.now().toString(BASE)}${pad(count.toString(BASE), BLOCK)}${fingerprint}${randomBlock()}${randomBlock()}`;
}
