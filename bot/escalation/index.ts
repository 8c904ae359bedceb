/**
 * Wires the human handoff (composition root helper, used by bot/index.ts): the escalation
 * service over the case store, its outboxes (Teams agents' channel, ticket webhook), the
 * contact-center bridge, the desk (page, API, live events), the turn router in front of the
 * support bot, and the sweep timer for timeouts and retries.
 */
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { CaseStore } from '../cases/caseStore';
import { DeskEventHub } from '../desk/deskEvents';
import { DeskRoutes } from '../desk/deskRoutes';
import type { EscalationConfig } from './config';
import { ContactCenterBridge } from './contactCenter';
import { EscalationService } from './escalationService';
import { consoleAwareSender } from '../consoleInbox';
import { AdapterProactiveSender, type ProactiveSender } from './proactive';
import { TeamsAgentChannel } from './teamsAgentChannel';
import { EscalationTurnRouter } from './turnRouter';
import { WebhookOutbox } from './webhook';

export interface EscalationOptions {
  config: EscalationConfig;
  store: CaseStore;
  adapter: CloudAdapter;
  /** The bot's app id (empty in local mode). */
  appId: string;
  localMode: boolean;
  logger: Logger;
  /** Base URL of the bot host, when known (links to the desk in cards and webhook payloads). */
  publicUrl?: () => string | undefined;
  /** Tests: another way to reach channels, another clock. */
  sender?: ProactiveSender;
  now?: () => Date;
  deskPollMs?: number;
}

export interface Escalation {
  service: EscalationService;
  teams?: TeamsAgentChannel;
  webhook?: WebhookOutbox;
  events: DeskEventHub;
  desk: DeskRoutes;
  /** The handler the server runs turns through: handoff activities first, then the support bot. */
  router(bot: ActivityHandler): ActivityHandler;
  /** Sends what a crash left pending and starts the sweep timer. */
  start(): void;
  close(): Promise<void>;
}

export function createEscalation(options: EscalationOptions): Escalation {
  const { config, store, logger } = options;
  // A console conversation (`npm run chat`) reads its messages from the case store: see bot/consoleInbox.ts.
  const sender = options.sender ?? consoleAwareSender(new AdapterProactiveSender(options.adapter, options.appId));
  const deskUrl = (caseId: string) => {
    const base = options.publicUrl?.();
    return base ? `${base.replace(/\/+$/, '')}/desk#case=${encodeURIComponent(caseId)}` : undefined;
  };
  const service = new EscalationService({
    store,
    sender,
    config,
    logger,
    now: options.now,
    contactCenter: new ContactCenterBridge({ d365Tags: config.d365Tags, logger }),
  });
  const teams = config.teams
    ? new TeamsAgentChannel({
        config: config.teams,
        store,
        service,
        sender,
        adapter: options.adapter,
        appId: options.appId,
        logger,
        deskUrl,
        now: options.now,
      })
    : undefined;
  if (teams) {
    service.addOutbox(teams);
    service.addRelay(teams);
  }
  const webhook = config.webhook ? new WebhookOutbox({ store, config: config.webhook, logger, deskUrl, now: options.now }) : undefined;
  if (webhook) service.addOutbox(webhook);
  const events = new DeskEventHub({ store, service, logger, pollMs: options.deskPollMs });
  const desk = new DeskRoutes({
    service,
    events,
    logger,
    auth: { key: config.deskKey, appServiceAuth: config.deskAppServiceAuth, localMode: options.localMode },
    authLimit: config.deskAuthLimit,
    trustProxy: config.deskTrustProxy,
  });
  let timer: NodeJS.Timeout | undefined;
  const sweep = () => void service.sweep().catch((error) => logger.warn(`handoff sweep failed: ${(error as Error).message}`));
  return {
    service,
    teams,
    webhook,
    events,
    desk,
    router: (bot) => new EscalationTurnRouter(bot, service, teams),
    start() {
      service.track(service.recover());
      timer ??= setInterval(sweep, config.sweepMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      events.close();
      await service.idle();
    },
  };
}
