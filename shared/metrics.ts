import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** Product events operators watch, as CloudWatch metrics (embedded metric format in the logs). */
export const BUSINESS_METRICS = ['SignUps', 'Logins', 'FailedLogins', 'Lockouts', 'EmailsSent', 'ImagesProcessed', 'ImagesRejected'] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];

export const metrics = new Metrics({
  namespace: 'Kindred',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kindred',
});

export function count(metric: BusinessMetric, value = 1): void {
  metrics.addMetric(metric, MetricUnit.Count, value);
}

/** Flushes what an invocation counted; nothing is written when nothing was counted. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
