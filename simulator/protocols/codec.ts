import type { ServiceModel } from "../models";
import type { HttpRequestData, HttpResponseData, ProtocolName } from "./types";

export interface OperationCall {
  operation: string;
  input: Record<string, unknown>;
}

export interface WireError {
  code: string;
  message: string;
  status: number;
  headers?: Record<string, string>;
}

export interface ProtocolCodec {
  name: ProtocolName;
  /** Which operation the request calls and its input keyed by model member names; undefined if none matches. */
  decode(model: ServiceModel, request: HttpRequestData): OperationCall | undefined;
  encodeSuccess(
    model: ServiceModel,
    operation: string,
    output: Record<string, unknown>,
    requestId: string,
  ): HttpResponseData;
  encodeError(model: ServiceModel, error: WireError, requestId: string): HttpResponseData;
}
