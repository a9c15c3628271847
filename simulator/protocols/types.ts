import type { GenericErrorKind } from "../core/errors";

export type ProtocolName = "query" | "ec2" | "json" | "restJson" | "restXml";

export interface HttpRequestData {
  method: string;
  /** Path as received (still percent-encoded), without the query string. */
  rawPath: string;
  /** Query string as received (without "?"), for SigV4's canonical query. */
  rawQuery: string;
  /** Decoded query parameters, in arrival order. */
  query: [string, string][];
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpResponseData {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface ErrorCode {
  code: string;
  status: number;
}

export type ErrorCodeTable = Record<GenericErrorKind, ErrorCode>;
