import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, OperationInput, Output, ServiceDefinition } from "../core/service";
import type { Estate } from "../estate/schema";

// AWS Budgets (awsJson1_1, global). Every call names the AccountId; another account's id is
// AccessDeniedException. budgets:ViewBudget authorizes all three operations.

type Budget = Estate["budgets"][number];
type BudgetNotification = Budget["notifications"][number];

const BUDGET_END = new Date("2087-06-15T00:00:00Z"); // AWS's default end for a budget without one.

function requireOwnAccount(input: OperationInput, context: OperationContext): void {
  if (input.AccountId !== context.accountId) {
    throw new AwsError(
      "AccessDeniedException",
      `User: ${context.caller.kind === "session" ? context.caller.session.assumedRoleArn : ""} is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::${String(input.AccountId)}:budget/*`,
      400,
    );
  }
}

function findBudget(context: OperationContext, name: unknown): Budget {
  const budget = context.estate.budgets.find((candidate) => candidate.name === name);
  if (!budget)
    throw new AwsError("NotFoundException", `Unable to get budget: ${String(name)} - the budget doesn't exist.`, 400);
  return budget;
}

function notificationOutput(notification: BudgetNotification): Output {
  return {
    NotificationType: notification.type,
    ComparisonOperator: notification.comparisonOperator,
    Threshold: notification.threshold,
    ThresholdType: notification.thresholdType,
    NotificationState: notification.state,
  };
}

export const budgetsService: ServiceDefinition = {
  key: "budgets",
  protocol: "json",
  signingName: "budgets",
  actionPrefix: "budgets",
  global: true,
  operations: {
    DescribeBudgets(input, context) {
      requireOwnAccount(input, context);
      const page = context.paginate(
        context.estate.budgets,
        input.NextToken,
        pageSize(input.MaxResults, { defaultSize: 100, maximum: 1000, parameter: "maxResults" }),
      );
      return {
        Budgets: page.items.map((budget) => ({
          BudgetName: budget.name,
          BudgetLimit: { Amount: budget.limit.amount, Unit: budget.limit.unit },
          TimeUnit: budget.timeUnit,
          TimePeriod: { Start: context.date(budget.startDate), End: BUDGET_END },
          CalculatedSpend: {
            ActualSpend: { Amount: budget.actualSpend, Unit: budget.limit.unit },
            ForecastedSpend: budget.forecastedSpend
              ? { Amount: budget.forecastedSpend, Unit: budget.limit.unit }
              : undefined,
          },
          BudgetType: budget.type,
          LastUpdatedTime: context.date(budget.lastUpdatedAt),
        })),
        NextToken: page.nextToken,
      };
    },
    DescribeNotificationsForBudget(input, context) {
      requireOwnAccount(input, context);
      const budget = findBudget(context, input.BudgetName);
      const page = context.paginate(
        budget.notifications,
        input.NextToken,
        pageSize(input.MaxResults, { defaultSize: 100, maximum: 100, parameter: "maxResults" }),
        budget.name,
      );
      return { Notifications: page.items.map(notificationOutput), NextToken: page.nextToken };
    },
    DescribeSubscribersForNotification(input, context) {
      requireOwnAccount(input, context);
      const budget = findBudget(context, input.BudgetName);
      const wanted = (input.Notification ?? {}) as Record<string, unknown>;
      const notification = budget.notifications.find((candidate) => {
        const output = notificationOutput(candidate);
        return ["NotificationType", "ComparisonOperator", "Threshold", "ThresholdType"].every(
          (field) => wanted[field] === undefined || String(wanted[field]) === String(output[field]),
        );
      });
      if (!notification) throw new AwsError("NotFoundException", "Unable to find notification for the budget.", 400);
      const page = context.paginate(
        notification.subscribers,
        input.NextToken,
        pageSize(input.MaxResults, { defaultSize: 100, maximum: 100, parameter: "maxResults" }),
        [budget.name, wanted],
      );
      return {
        Subscribers: page.items.map((subscriber) => ({
          SubscriptionType: subscriber.type,
          Address: subscriber.address,
        })),
        NextToken: page.nextToken,
      };
    },
  },
};
