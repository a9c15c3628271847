// The budgets evidence as its collector (lib/aws/budgets.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface BudgetSubscriberEvidence {
  /** EMAIL or SNS. */
  subscriptionType: string | null;
  address: string;
}

export interface BudgetNotificationEvidence {
  /** ACTUAL or FORECASTED. */
  notificationType: string | null;
  comparisonOperator: string | null;
  threshold: number | null;
  /** PERCENTAGE or ABSOLUTE_VALUE. */
  thresholdType: string | null;
  /** OK or ALARM. */
  notificationState: string | null;
  subscribers: BudgetSubscriberEvidence[];
}

export interface BudgetEvidence {
  budgetName: string;
  budgetType: string | null;
  timeUnit: string | null;
  limitAmount: string | null;
  limitUnit: string | null;
  actualSpend: string | null;
  forecastedSpend: string | null;
  lastUpdatedTime: string | null;
  /** GOV-1: a notification with at least one subscriber. */
  notifications: BudgetNotificationEvidence[];
}

export interface BudgetsEvidence {
  budgets: BudgetEvidence[];
}
