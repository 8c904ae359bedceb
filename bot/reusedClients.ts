/**
 * Bot Framework authentication that reuses the outbound clients across turns. The SDK's
 * CloudAdapter builds a new ConnectorClient (credentials plus an Azure HTTP pipeline of a dozen
 * policies) and a new UserTokenClient (another pipeline) for every incoming activity, even when
 * the turn replies in the HTTP response (`expectReplies`) and uses neither; measured, that was
 * about a tenth of a turn's CPU time. The clients hold no per-turn state (the credentials fetch
 * and refresh their token themselves), so one per bot app id, service URL and audience serves
 * every turn; authentication of each request is unchanged (the clients are made only after it
 * succeeded, and a failed creation is not kept).
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';

/** Service URLs come from the activities: bounded, so a flood of made-up ones cannot grow memory. */
export const MAX_REUSED_CLIENTS = 200;

/** A small least-recently-used map of promises; a rejected promise is removed, never reused. */
export class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = MAX_REUSED_CLIENTS) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const made = make();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }
}

/** The bot's app id as the SDK takes it from the caller's claims (audience, else the emulator's appid claim). */
function appIdOf(claimsIdentity: ClaimsIdentity | undefined): string {
  return claimsIdentity?.getClaimValue('aud') ?? claimsIdentity?.getClaimValue('appid') ?? '';
}

export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(
    activity: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0],
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) };
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, appIdOf(result.claimsIdentity)) };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory;
  private reusing(factory: ConnectorFactory | undefined, appId: string): ConnectorFactory | undefined;
  private reusing(factory: ConnectorFactory | undefined, appId: string): ConnectorFactory | undefined {
    if (!factory) return undefined;
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    };
  }
}
