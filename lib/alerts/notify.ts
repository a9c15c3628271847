import { enqueueCriticalAlertMail } from "../jobs/alert-jobs";
import { logger } from "../logger";

/**
 * Queues the immediate e-mail for critical alerts that opened, reopened or became critical. It never
 * throws: the alerts are stored either way, only the e-mail would be late (the daily digest lists them).
 */
export async function notifyCriticalAlerts(
  alertIds: readonly string[],
  notify?: (alertIds: readonly string[]) => Promise<void>,
): Promise<void> {
  if (alertIds.length === 0) return;
  try {
    if (notify) await notify(alertIds);
    else await enqueueCriticalAlertMail(alertIds);
  } catch (error) {
    logger.error({ err: error, alertIds }, "could not queue the critical alert e-mail");
  }
}
