/**
 * The activity handler: routes messages to the support dialog, welcomes on install/join, and
 * saves state at the end of every turn, before the turn's replies go out (bot/heldReplies.ts).
 * TeamsActivityHandler so Teams events (installationUpdate, channel mentions) are understood; on
 * other channels it behaves like a plain ActivityHandler.
 *
 * The support dialog is the conversation's only dialog and never ends, so every message goes
 * straight to it (`SupportDialog.handleTurn`, what its continueDialog runs). A DialogSet would
 * only wrap that call: it builds a DialogContext per turn whose memory scopes, path resolvers and
 * component registrations (schema-checked) nothing here uses, which measured about 5 % of a
 * turn, and it stores a dialog stack that never changes. SupportDialog stays a Dialog, so it can
 * still run inside a DialogSet (its tests do, through DialogTestClient).
 */
import { TeamsActivityHandler, TurnContext, type UserState } from 'botbuilder';
import type { SupportDialog } from '../dialogs/supportDialog';
import type { ConversationSaver } from './conversationSaver';
import { holdReplies } from './heldReplies';

/** In Teams channels and group chats the message starts with "<at>Bot</at>": not part of the paste. */
export function removeBotMention(context: TurnContext): void {
  const activity = context.activity;
  const entities = Array.isArray(activity.entities) ? activity.entities : [];
  const mentionsBot = entities.some(
    (entity) =>
      !!entity && entity.type === 'mention' && (entity as { mentioned?: { id?: string } }).mentioned?.id === activity.recipient?.id,
  );
  if (mentionsBot && typeof activity.text === 'string') {
    activity.text = TurnContext.removeRecipientMention(activity) ?? activity.text;
  }
}

export class SupportBot extends TeamsActivityHandler {
  constructor(
    private readonly userState: UserState,
    private readonly dialog: SupportDialog,
    private readonly saver: ConversationSaver,
  ) {
    super();

    this.onMessage(async (context, next) => {
      removeBotMention(context);
      await this.dialog.handleTurn(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      if ((context.activity.membersAdded ?? []).length > 0) await this.dialog.welcome(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.dialog.welcome(context);
      await next();
    });
  }

  /** Turns of one conversation, one after the other (see run). */
  private readonly running = new Map<string, Promise<void>>();

  /**
   * Channels deliver a conversation's activities in parallel (two uploads at once, Teams'
   * installationUpdate next to conversationUpdate). This instance runs a conversation's turns in
   * order, so they see each other's state; across instances (no session affinity) the save is
   * conditional and merges on a conflict (bot/conversationSaver.ts).
   */
  override async run(context: TurnContext): Promise<void> {
    const key = `${context.activity.channelId ?? ''}/${context.activity.conversation?.id ?? ''}`;
    const previous = this.running.get(key) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(() => this.runTurn(context));
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.running.set(key, settled);
    try {
      await turn;
    } finally {
      if (this.running.get(key) === settled) this.running.delete(key);
    }
  }

  private async runTurn(context: TurnContext): Promise<void> {
    const replies = holdReplies(context);
    try {
      const read = await this.saver.load(context);
      await super.run(context);
      await this.saver.save(context, read);
      // User state holds only the language a user chose: the last choice wins.
      await this.userState.saveChanges(context, false);
      await replies.release();
    } finally {
      // A failed turn sends none of its replies (its state was not saved): the error handler
      // tells the user instead, straight away.
      replies.drop();
    }
  }
}
