/** Finding severities as Rampart stores them (Inspector's UNTRIAGED maps to INFORMATIONAL). */
export type FindingSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFORMATIONAL";
