import { AwsError } from "../core/errors";
import type { ServiceDefinition } from "../core/service";

// Account (restJson1, global, POST /getAlternateContact). A contact that was never set is
// ResourceNotFoundException (404); another account's contacts need the management account.
export const accountService: ServiceDefinition = {
  key: "account",
  protocol: "restJson",
  signingName: "account",
  actionPrefix: "account",
  global: true,
  errorCodes: { throttle: { code: "TooManyRequestsException", status: 429 } },
  operations: {
    GetAlternateContact(input, context) {
      if (input.AccountId && input.AccountId !== context.accountId) {
        throw new AwsError(
          "AccessDeniedException",
          "User is not authorized to read the alternate contacts of another account.",
          403,
        );
      }
      const type = String(input.AlternateContactType ?? "");
      const key = type.toLowerCase() as "security" | "billing" | "operations";
      if (!["security", "billing", "operations"].includes(key)) {
        throw new AwsError("ValidationException", `Invalid AlternateContactType ${type}`, 400);
      }
      const contact = context.estate.account.alternateContacts[key];
      if (!contact)
        throw new AwsError(
          "ResourceNotFoundException",
          "No contact of the inputted alternate contact type found.",
          404,
        );
      return {
        AlternateContact: {
          AlternateContactType: type,
          Name: contact.name,
          EmailAddress: contact.emailAddress,
          PhoneNumber: contact.phoneNumber,
          Title: contact.title,
        },
      };
    },
  },
};
