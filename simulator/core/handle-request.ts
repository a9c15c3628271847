import { randomUUID } from "node:crypto";
import { iamActionName } from "../../lib/onboarding/iam-actions";
import { type Caller, callerArn } from "../auth/identities";
import { isSignatureValid, parseAuthorization } from "../auth/sigv4";
import { resolveSimDate } from "../estate/dates";
import { SERVICE_MODELS, type ServiceModel } from "../models";
import type { ProtocolCodec, WireError } from "../protocols/codec";
import { ec2Codec } from "../protocols/ec2-query";
import { resolveErrorCode, serverErrorCode } from "../protocols/generic-errors";
import { isTargetPrefixOf, jsonCodec } from "../protocols/json";
import { formParameters, queryCodec } from "../protocols/query";
import { restJsonCodec } from "../protocols/rest-json";
import { restXmlCodec } from "../protocols/rest-xml";
import type { HttpRequestData, HttpResponseData, ProtocolName } from "../protocols/types";
import { SERVICES } from "../services";
import { STS_OPERATIONS } from "../services/sts";
import type { AwsPacing } from "./aws-pacing";
import { AwsError, GenericAwsError, type GenericErrorKind } from "./errors";
import type { FaultDecision, FaultInjector } from "./faults";
import { paginate } from "./pagination";
import { accessDeniedText, type DenialReason, evaluateAuditRolePermission } from "./permissions";
import type { RequestLog } from "./request-log";
import type { OperationContext, ServiceDefinition, SimulatorRuntime } from "./service";

// One AWS request through the simulator: find the service and operation, authenticate (SigV4 and
// the key's identity), authorize (base identity → STS only; audit role deniedActions), inject
// faults, run the handler, and encode the answer in the service's protocol.

const CODECS: Record<ProtocolName, ProtocolCodec> = {
  query: queryCodec,
  ec2: ec2Codec,
  json: jsonCodec,
  restJson: restJsonCodec,
  restXml: restXmlCodec,
};

export type RequestOutcome =
  | { kind: "response"; response: HttpResponseData }
  | { kind: "connectionReset" }
  | { kind: "cutBody"; response: HttpResponseData };

export interface PipelineDependencies {
  runtime: SimulatorRuntime;
  faults: FaultInjector;
  log: RequestLog;
  /** AWS-like latency and request-rate buckets (benchmarks only). */
  pacing?: AwsPacing;
}

const API_VERSION_SERVICES: Record<string, string> = {
  "2011-06-15": "sts",
  "2010-05-08": "iam",
  "2016-11-15": "ec2",
  "2015-12-01": "elastic-load-balancing-v2",
  "2014-10-31": "rds",
};

type Detection =
  | { kind: "served"; service: ServiceDefinition }
  /** A form request for an API version the simulator does not serve (classic ELB's 2012-06-01 on ELBv2's signing name). */
  | { kind: "unservedVersion"; service: ServiceDefinition; version: string }
  | { kind: "unknown" };

function detectService(request: HttpRequestData, signingName: string | undefined): Detection {
  const found = (service: ServiceDefinition | undefined): Detection =>
    service ? { kind: "served", service } : { kind: "unknown" };
  const target = request.headers["x-amz-target"];
  if (target) {
    const prefix = target.slice(0, target.lastIndexOf("."));
    return found(SERVICES.find((service) => isTargetPrefixOf(SERVICE_MODELS[service.key], prefix)));
  }
  if (signingName === "s3" || (!signingName && request.headers["x-amz-content-sha256"])) {
    const key = request.rawPath.startsWith("/v20180820/") ? "s3-control" : "s3";
    return found(SERVICES.find((service) => service.key === key));
  }
  const version = formParameters(request).get("Version") ?? "";
  const byVersion = API_VERSION_SERVICES[version];
  if (
    byVersion &&
    (!signingName || SERVICES.find((service) => service.key === byVersion)?.signingName === signingName)
  ) {
    return found(SERVICES.find((service) => service.key === byVersion));
  }
  const bySigningName = SERVICES.filter((service) => service.signingName === signingName);
  if (bySigningName.length !== 1) return { kind: "unknown" };
  const [service] = bySigningName;
  // One signing name can front several API versions (elasticloadbalancing: classic ELB 2012-06-01 and
  // ELBv2 2015-12-01); a form request naming another version is not the served API's request.
  if (version !== "" && (service.protocol === "query" || service.protocol === "ec2")) {
    if (SERVICE_MODELS[service.key].metadata.apiVersion !== version)
      return { kind: "unservedVersion", service, version };
  }
  return { kind: "served", service };
}

function genericWireError(
  service: ServiceDefinition,
  kind: GenericErrorKind,
  message: string,
  status?: number,
): WireError {
  const code = resolveErrorCode(service.protocol, kind, service.errorCodes);
  return { code: code.code, status: status ?? code.status, message };
}

function accessDeniedMessage(
  service: ServiceDefinition,
  caller: Caller,
  operation: string,
  reason?: DenialReason,
): string {
  // Legacy denials (deniedActions, injected faults) keep S3's bare "Access Denied"; policy-evaluated
  // ones carry the context AWS adds for requests within the account, which names the action.
  if (service.protocol === "restXml" && reason === undefined) return "Access Denied";
  const action = iamActionName(service.key, operation);
  const text = accessDeniedText(callerArn(caller), action, reason ?? "implicit");
  return service.protocol === "ec2" ? `You are not authorized to perform this operation. ${text}` : text;
}

function throttleMessage(service: ServiceDefinition): string {
  if (service.protocol === "ec2") return "Request limit exceeded.";
  if (service.protocol === "restXml") return "Please reduce your request rate.";
  return "Rate exceeded";
}

function toWireError(service: ServiceDefinition, error: unknown): WireError {
  if (error instanceof AwsError) {
    return { code: error.code, message: error.message, status: error.status, headers: error.headers };
  }
  if (error instanceof GenericAwsError) return genericWireError(service, error.kind, error.message, error.status);
  console.error("[simulator] handler failure", error);
  return genericWireError(service, "serverError", `Simulator handler failed: ${(error as Error).message}`);
}

/**
 * A request for a service the simulator does not serve still gets an error the client's parser can
 * read: the protocol is guessed from the request's shape (X-Amz-Target → awsJson, a form with
 * Action → awsQuery, the REST-XML services' signing names → restXml, any other REST request →
 * restJson, the protocol of nearly every newer service) and the code is the one that
 * protocol uses for a request it cannot route.
 */
function unknownServiceError(
  request: HttpRequestData,
  signingName: string | undefined,
  requestId: string,
): { outcome: RequestOutcome; code: string } {
  const message = "The simulator does not serve this request's service (see lib/aws/read-only-operations.ts).";
  const model = {
    metadata: { xmlNamespace: "https://simulator.rampart.local/doc/", jsonVersion: "1.1" },
  } as ServiceModel;
  let protocol: Exclude<ProtocolName, "ec2">;
  if (request.headers["x-amz-target"]) protocol = "json";
  else if (formParameters(request).has("Action")) protocol = "query";
  else if (signingName && REST_XML_SIGNING_NAMES.has(signingName)) protocol = "restXml";
  else protocol = "restJson";
  const error = UNKNOWN_SERVICE_ERRORS[protocol];
  const response = CODECS[protocol].encodeError(model, { ...error, message }, requestId);
  return { outcome: { kind: "response", response }, code: error.code };
}

/** Services outside S3 that speak restXml (botocore metadata.protocol "rest-xml"). */
const REST_XML_SIGNING_NAMES = new Set(["cloudfront", "route53"]);

const UNKNOWN_SERVICE_ERRORS: Record<Exclude<ProtocolName, "ec2">, { code: string; status: number }> = {
  query: { code: "InvalidAction", status: 400 },
  json: { code: "UnknownOperationException", status: 400 },
  restJson: { code: "UnknownOperationException", status: 404 },
  restXml: { code: "NotImplemented", status: 501 },
};

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export async function handleAwsRequest(
  request: HttpRequestData,
  dependencies: PipelineDependencies,
): Promise<RequestOutcome> {
  const { runtime, faults, log, pacing } = dependencies;
  const requestId = randomUUID();
  const authorization = parseAuthorization(request.headers.authorization);
  const detection = detectService(request, authorization?.service);
  const service = detection.kind === "unknown" ? undefined : detection.service;
  const logEntry = {
    time: new Date().toISOString(),
    simulatorTime: runtime.clock.now().toISOString(),
    method: request.method,
    path: request.rawPath,
    service: service?.key ?? authorization?.service ?? "unknown",
    operation: "unknown",
    region: authorization?.region ?? "unknown",
    accountId: undefined as string | undefined,
    accessKeyId: authorization?.accessKeyId,
    latencyMs: undefined as number | undefined,
  };
  const finish = (
    outcome: RequestOutcome,
    extra: { errorCode?: string; fault?: string; latencyMs?: number } = {},
  ): RequestOutcome => {
    const status = outcome.kind === "connectionReset" ? 0 : outcome.response.status;
    log.add({ ...logEntry, status, ...extra });
    return outcome;
  };
  if (!service) {
    const { outcome, code } = unknownServiceError(request, authorization?.service, requestId);
    return finish(outcome, { errorCode: code });
  }

  const model = SERVICE_MODELS[service.key];
  const codec = CODECS[service.protocol];
  const respondError = (error: WireError, fault?: string) =>
    finish(
      { kind: "response", response: codec.encodeError(model, error, requestId) },
      { errorCode: error.code, fault },
    );
  if (detection.kind === "unservedVersion") {
    const action = formParameters(request).get("Action") ?? "";
    return respondError({
      code: "InvalidAction",
      status: 400,
      message: `The action ${action} is not valid for this web service (API version ${detection.version} is not served; the simulator serves ${service.key} ${model.metadata.apiVersion}).`,
    });
  }

  let call: ReturnType<ProtocolCodec["decode"]>;
  try {
    call = codec.decode(model, request);
  } catch (error) {
    return respondError(toWireError(service, error));
  }
  if (!call) {
    const code =
      service.protocol === "query" || service.protocol === "ec2" ? "InvalidAction" : "UnknownOperationException";
    return respondError({
      code,
      status: service.protocol === "restJson" || service.protocol === "restXml" ? 404 : 400,
      message: `The simulator serves only the read-only operations in lib/aws/read-only-operations.ts; this ${service.key} request matches none of them.`,
    });
  }
  logEntry.operation = call.operation;

  if (!authorization)
    return respondError(genericWireError(service, "missingAuthentication", "Request is missing Authentication Token"));
  const lookup = runtime.sessions.lookup(authorization.accessKeyId, request.headers["x-amz-security-token"]);
  if (lookup.status === "unknown" || lookup.status === "badToken") {
    return respondError(
      genericWireError(
        service,
        "invalidClientToken",
        service.protocol === "restXml"
          ? "The AWS Access Key Id you provided does not exist in our records."
          : "The security token included in the request is invalid.",
      ),
    );
  }
  if (lookup.status === "expired") {
    return respondError(
      genericWireError(service, "expiredToken", "The security token included in the request is expired"),
    );
  }
  if (!isSignatureValid(request, authorization, lookup.secretAccessKey)) {
    return respondError(
      genericWireError(
        service,
        "signatureMismatch",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
      ),
    );
  }
  const { caller } = lookup;
  logEntry.accountId = caller.kind === "base" ? caller.identity.accountId : caller.session.accountId;

  if (pacing) {
    const paced = pacing.decide({
      accountId: logEntry.accountId,
      region: authorization.region,
      service: service.key,
      operation: call.operation,
    });
    await sleep(paced.latencyMs);
    logEntry.latencyMs = paced.latencyMs;
    if (paced.throttled) return respondError(genericWireError(service, "throttle", throttleMessage(service)), "rate");
  }

  /** The answer an injected fault gives instead of the handler's, if it replaces it. */
  const faultOutcome = async (decision: FaultDecision): Promise<RequestOutcome | undefined> => {
    if (decision.latencyMs > 0) {
      await sleep(decision.latencyMs);
      Object.assign(logEntry, { latencyMs: decision.latencyMs });
    }
    const fault = decision.fault;
    if (fault?.kind === "connectionReset") return finish({ kind: "connectionReset" }, { fault: fault.kind });
    if (fault?.kind === "throttle") {
      return respondError(genericWireError(service, "throttle", throttleMessage(service)), fault.kind);
    }
    if (fault?.kind === "accessDenied") {
      return respondError(
        genericWireError(service, "accessDenied", accessDeniedMessage(service, caller, operation)),
        fault.kind,
      );
    }
    if (fault?.kind === "serverError") {
      const message =
        fault.status === 503 ? "Service Unavailable" : "We encountered an internal error. Please try again.";
      return respondError(
        { code: serverErrorCode(service, model, fault.status), status: fault.status, message },
        fault.kind,
      );
    }
    return undefined;
  };
  const { operation } = call;

  if (service.key === "sts") {
    // STS answers the collector's own identity, before any estate: only runtime rules that name
    // "sts" reach it, so a blanket fault rule still lets the role be assumed.
    const decision = faults.decide([], {
      accountId: caller.kind === "base" ? caller.identity.accountId : caller.session.accountId,
      service: service.key,
      actionPrefix: service.actionPrefix,
      operation,
      region: authorization.region,
      explicitServiceOnly: true,
    });
    const faulted = await faultOutcome(decision);
    if (faulted) return faulted;
    try {
      const output = STS_OPERATIONS[operation](call.input, { caller, region: authorization.region, runtime });
      const response = codec.encodeSuccess(model, operation, output, requestId);
      if (decision.fault?.kind === "truncatedPage" && decision.fault.mode === "cutBody") {
        return finish({ kind: "cutBody", response }, { fault: "truncatedPage" });
      }
      return finish({ kind: "response", response }, decision.fault ? { fault: decision.fault.kind } : {});
    } catch (error) {
      return respondError(toWireError(service, error));
    }
  }

  // The collector's own identity may only call STS: everything else goes through an audit role.
  if (caller.kind === "base") {
    return respondError(
      genericWireError(service, "accessDenied", accessDeniedMessage(service, caller, call.operation)),
    );
  }
  const record = runtime.estates.get(caller.session.accountId);
  if (!record) {
    return respondError(
      genericWireError(service, "invalidClientToken", "The security token included in the request is invalid."),
    );
  }
  const permission = evaluateAuditRolePermission(record.estate, iamActionName(service.key, call.operation));
  if (!permission.allowed) {
    const legacy = permission.reason === "implicit" && !record.estate.auditRole.evaluatePolicies;
    return respondError(
      genericWireError(
        service,
        "accessDenied",
        accessDeniedMessage(service, caller, call.operation, legacy ? undefined : permission.reason),
      ),
    );
  }

  const decision = faults.decide(record.estate.faults, {
    accountId: record.estate.accountId,
    service: service.key,
    actionPrefix: service.actionPrefix,
    operation: call.operation,
    region: authorization.region,
  });
  const faulted = await faultOutcome(decision);
  if (faulted) return faulted;
  const fault = decision.fault;

  const nowMs = runtime.clock.nowMs();
  const context: OperationContext = {
    record,
    estate: record.estate,
    index: record.index,
    accountId: record.estate.accountId,
    region: authorization.region,
    caller,
    now: new Date(nowMs),
    runtime,
    truncatePage: fault?.kind === "truncatedPage" && fault.mode === "badToken",
    date: (value) => resolveSimDate(value, nowMs),
    paginate: (items, token, size, scope) =>
      paginate(items, {
        token: typeof token === "string" && token !== "" ? token : undefined,
        pageSize: size,
        scope: `${call.operation}|${JSON.stringify(scope ?? null)}`,
        truncate: fault?.kind === "truncatedPage" && fault.mode === "badToken",
      }),
  };
  try {
    const output = await service.operations[call.operation](call.input, context);
    const response = codec.encodeSuccess(model, call.operation, output, requestId);
    if (fault?.kind === "truncatedPage" && fault.mode === "cutBody") {
      return finish({ kind: "cutBody", response }, { fault: "truncatedPage" });
    }
    return finish({ kind: "response", response }, fault ? { fault: fault.kind } : {});
  } catch (error) {
    return respondError(toWireError(service, error));
  }
}
