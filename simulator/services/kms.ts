import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { EstateIndex } from "../estate/indexed";

// KMS (awsJson1_1, regional). Keys are found by id, key ARN, alias name or alias ARN. Rotation
// status: AWS managed keys always rotate; asymmetric/HMAC/imported keys answer
// UnsupportedOperationException and keys pending deletion KMSInvalidStateException (KMS API reference).

type IndexedKey = EstateIndex["kmsKeys"][number];

function keysInRegion(context: OperationContext): IndexedKey[] {
  return context.index.kmsKeys.filter((key) => key.region === context.region);
}

function findKey(context: OperationContext, identifier: unknown): IndexedKey {
  const text = String(identifier ?? "");
  const aliasName = text.includes(":alias/") ? text.slice(text.indexOf(":alias/") + 1) : text;
  const key = keysInRegion(context).find(
    (candidate) => candidate.id === text || candidate.arn === text || candidate.item.aliases.includes(aliasName),
  );
  if (!key) {
    const described =
      text.startsWith("arn:") || text.startsWith("alias/")
        ? text
        : `arn:aws:kms:${context.region}:${context.accountId}:key/${text}`;
    throw new AwsError("NotFoundException", `Key '${described}' does not exist`, 400);
  }
  return key;
}

function keyMetadata(context: OperationContext, key: IndexedKey): Output {
  const { item } = key;
  const symmetric = item.spec === "SYMMETRIC_DEFAULT";
  return {
    AWSAccountId: context.accountId,
    KeyId: key.id,
    Arn: key.arn,
    CreationDate: context.date(item.createdAt),
    Enabled: item.state === "Enabled",
    Description: item.description,
    KeyUsage: item.usage,
    KeyState: item.state,
    DeletionDate: item.state === "PendingDeletion" && item.deletionDate ? context.date(item.deletionDate) : undefined,
    PendingDeletionWindowInDays: item.state === "PendingDeletion" ? 30 : undefined,
    Origin: item.origin,
    KeyManager: item.manager,
    CustomerMasterKeySpec: item.spec,
    KeySpec: item.spec,
    EncryptionAlgorithms: symmetric
      ? ["SYMMETRIC_DEFAULT"]
      : item.spec.startsWith("RSA")
        ? ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]
        : undefined,
    SigningAlgorithms:
      item.usage === "SIGN_VERIFY"
        ? item.spec.startsWith("RSA")
          ? ["RSASSA_PKCS1_V1_5_SHA_256"]
          : ["ECDSA_SHA_256"]
        : undefined,
    MultiRegion: item.multiRegion,
  };
}

function getKeyRotationStatus(input: OperationInput, context: OperationContext): Output {
  const key = findKey(context, input.KeyId);
  const { item } = key;
  if (item.state === "PendingDeletion")
    throw new AwsError("KMSInvalidStateException", `${key.arn} is pending deletion.`, 400);
  if (item.spec !== "SYMMETRIC_DEFAULT" || item.origin !== "AWS_KMS") {
    throw new AwsError(
      "UnsupportedOperationException",
      `${key.arn} origin or key spec is not supported for this operation.`,
      400,
    );
  }
  const enabled = item.manager === "AWS" || item.rotationEnabled;
  const periodMs = item.rotationPeriodInDays * 86_400_000;
  const created = context.date(item.createdAt).getTime();
  const nextRotation = created + Math.ceil((context.now.getTime() - created + 1) / periodMs) * periodMs;
  return {
    KeyRotationEnabled: enabled,
    KeyId: key.arn,
    RotationPeriodInDays: enabled ? item.rotationPeriodInDays : undefined,
    NextRotationDate: enabled && item.manager === "CUSTOMER" ? new Date(nextRotation) : undefined,
  };
}

function kmsPage<T>(context: OperationContext, items: T[], input: OperationInput, scope: unknown) {
  const page = context.paginate(
    items,
    input.Marker,
    pageSize(input.Limit, { defaultSize: 100, maximum: 1000, parameter: "limit" }),
    scope,
  );
  return { items: page.items, NextMarker: page.nextToken, Truncated: page.nextToken !== undefined };
}

export const kmsService: ServiceDefinition = {
  key: "kms",
  protocol: "json",
  signingName: "kms",
  actionPrefix: "kms",
  errorCodes: {
    invalidPaginationToken: { code: "InvalidMarkerException", status: 400 },
    serverError: { code: "KMSInternalException", status: 500 },
  },
  operations: {
    ListKeys(input, context) {
      const { items, ...rest } = kmsPage(context, keysInRegion(context), input, null);
      return { Keys: items.map((key) => ({ KeyId: key.id, KeyArn: key.arn })), ...rest };
    },
    DescribeKey: (input, context) => ({ KeyMetadata: keyMetadata(context, findKey(context, input.KeyId)) }),
    GetKeyRotationStatus: getKeyRotationStatus,
    ListAliases(input, context) {
      const keys = input.KeyId ? [findKey(context, input.KeyId)] : keysInRegion(context);
      const aliases = keys.flatMap((key) =>
        key.item.aliases.map((alias) => ({
          AliasName: alias,
          AliasArn: `arn:aws:kms:${context.region}:${context.accountId}:${alias}`,
          TargetKeyId: key.id,
          CreationDate: context.date(key.item.createdAt),
          LastUpdatedDate: context.date(key.item.createdAt),
        })),
      );
      const { items, ...rest } = kmsPage(context, aliases, input, input.KeyId ?? null);
      return { Aliases: items, ...rest };
    },
  },
};
