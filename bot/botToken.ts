/** The bot's outgoing token from the turn's connector client, for Bot Framework/Teams file URLs. */
import type { TurnContext } from 'botbuilder';

export async function botTokenFor(context: TurnContext): Promise<string | undefined> {
  const adapter = context.adapter as unknown as { ConnectorClientKey?: symbol };
  const client: unknown = adapter.ConnectorClientKey ? context.turnState.get(adapter.ConnectorClientKey) : undefined;
  const credentials = (client as { credentials?: { getToken?: () => Promise<string> } } | undefined)?.credentials;
  if (typeof credentials?.getToken !== 'function') return undefined;
  const token = await credentials.getToken();
  return token || undefined;
}
