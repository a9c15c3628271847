import type { ControlAreaKey, ControlDefinition } from "../controls/catalogue";

// The twelve sections of SOP 000 (../shared/seeds/000, its table of contents), which give an evidence
// pack its chapters. A control belongs to every SOP 000 section its catalogue sopReference cites
// ("000 §5, 000 §7" → §5 and §7; "000 §7–8" → §7 and §8). A control that cites only the other SOPs
// (003, 004, the SEC-002 evidence 001/002) goes to the section of its catalogue area.

export const SOP_SECTIONS = [
  { number: 1, title: "Root Account Management and Programmatic Access" },
  { number: 2, title: "CloudTrail Enablement and Monitoring" },
  { number: 3, title: "IAM User Management and Access Control" },
  { number: 4, title: "Deployments and change control" },
  { number: 5, title: "Network Architecture and Security Rules" },
  { number: 6, title: "KMS Key Management and Rotation" },
  { number: 7, title: "Security Incident Detection and Response" },
  { number: 8, title: "Patching and Updating" },
  { number: 9, title: "Backup and Recovery" },
  { number: 10, title: "Review of alerts and audits" },
  { number: 11, title: "Infrastructure Change Management" },
  { number: 12, title: "Documentation and continuous improvement" },
] as const;

export type SopSectionNumber = (typeof SOP_SECTIONS)[number]["number"];

/** Where a control that cites no SOP 000 section is filed: the section that covers its area. */
const AREA_SECTION: Record<ControlAreaKey, SopSectionNumber> = {
  root: 1,
  logging: 2,
  iam: 3,
  change: 4,
  network: 5,
  kms: 6,
  detection: 7,
  backup: 9,
  governance: 12,
};

/** The SOP 000 sections a catalogue sopReference cites, ascending, without duplicates. */
export function sop000SectionsCited(sopReference: string): SopSectionNumber[] {
  const sections = new Set<number>();
  for (const match of sopReference.matchAll(/\b000 §(\d+)(?:\s*[–-]\s*(\d+))?/g)) {
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let section = first; section <= last; section += 1) sections.add(section);
  }
  return [...sections]
    .filter((section): section is SopSectionNumber => section >= 1 && section <= SOP_SECTIONS.length)
    .sort((a, b) => a - b);
}

export function sopSectionsOf(control: Pick<ControlDefinition, "sopReference" | "area">): SopSectionNumber[] {
  const cited = sop000SectionsCited(control.sopReference);
  return cited.length > 0 ? cited : [AREA_SECTION[control.area.key]];
}
