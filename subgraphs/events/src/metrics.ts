import { Counter, Gauge } from 'prom-client';
import { DomainError, type Clock, type ServiceMetrics } from '@platform/shared';
import type { ClaimService } from './services/claim-service';
import type { ClaimStore, DeliveryBacklog } from './store/ports';

export interface EventsMetrics {
  claims: Counter<'outcome'>;
}

/**
 * claimReward outcomes, and the delivery backlog read from the claim store at scrape time
 * (never kept in memory, so it is right across several events instances).
 */
export function registerEventsMetrics(metrics: ServiceMetrics, claims: ClaimStore, clock: Clock): EventsMetrics {
  // Both gauges are collected together at each scrape: they share one store read.
  let reading: Promise<DeliveryBacklog> | null = null;
  const backlog = () => (reading ??= claims.deliveryBacklog().finally(() => (reading = null)));
  new Gauge({
    name: 'events_delivery_backlog',
    help: 'Granted rewards still awaiting delivery to users (the outbox; FAILED ones wait for staff and are not counted).',
    registers: [metrics.registry],
    async collect() {
      this.set((await backlog()).pending);
    },
  });
  new Gauge({
    name: 'events_delivery_oldest_pending_age_seconds',
    help: 'Age of the oldest undelivered grant; 0 when nothing is pending.',
    registers: [metrics.registry],
    async collect() {
      const { oldestGrantedAt } = await backlog();
      this.set(oldestGrantedAt ? Math.max(0, (clock.now().getTime() - oldestGrantedAt.getTime()) / 1000) : 0);
    },
  });
  return {
    claims: new Counter({
      name: 'events_claims_total',
      help: 'claimReward answers by outcome: granted, a ClaimRejected reason (e.g. CHALLENGE_NOT_MET), an error code, or error.',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    }),
  };
}

/**
 * Counts the answer of every claimReward: granted, the rejection reason, the code of a
 * refused request (e.g. BAD_USER_INPUT), or `error`. Replays of an idempotency key count too.
 */
export function meterClaimOutcomes(service: ClaimService, metrics: EventsMetrics): ClaimService {
  const claim = service.claim.bind(service);
  service.claim = async (...args) => {
    try {
      const result = await claim(...args);
      metrics.claims.inc({ outcome: result.granted ? 'granted' : result.reason });
      return result;
    } catch (error) {
      metrics.claims.inc({ outcome: error instanceof DomainError ? error.code : 'error' });
      throw error;
    }
  };
  return service;
}
